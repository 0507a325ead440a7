namespace Hdbt.Llvm;

// The instruction builder. Every Build* that makes a value takes its name last (LlvmApi.NoName for none).
public sealed unsafe partial class LlvmApi
{
    public delegate* unmanaged<LlvmContextRef, LlvmBuilderRef> CreateBuilderInContext;
    public delegate* unmanaged<LlvmBuilderRef, void> DisposeBuilder;
    public delegate* unmanaged<LlvmBuilderRef, LlvmBasicBlockRef, void> PositionBuilderAtEnd;
    public delegate* unmanaged<LlvmBuilderRef, LlvmBasicBlockRef> GetInsertBlock;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildAdd;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildNSWAdd;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildNUWAdd;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildSub;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildNSWSub;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildNUWSub;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildMul;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildNSWMul;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildNUWMul;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildUDiv;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildSDiv;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildExactSDiv;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildURem;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildSRem;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildAnd;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildOr;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildXor;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildShl;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildLShr;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildAShr;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildFAdd;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildFSub;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildFMul;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildFDiv;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildFRem;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, byte*, LlvmValueRef> BuildNeg;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, byte*, LlvmValueRef> BuildNot;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, byte*, LlvmValueRef> BuildFNeg;
    public delegate* unmanaged<LlvmBuilderRef, LlvmIntPredicate, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildICmp;
    public delegate* unmanaged<LlvmBuilderRef, LlvmRealPredicate, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildFCmp;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildSelect;
    public delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, byte*, LlvmValueRef> BuildPhi;
    public delegate* unmanaged<LlvmValueRef, LlvmValueRef*, LlvmBasicBlockRef*, uint, void> AddIncoming;
    public delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, byte*, LlvmValueRef> BuildAlloca;
    public delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, LlvmValueRef, byte*, LlvmValueRef> BuildLoad2;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef> BuildStore;
    /// <summary>Alignment in bytes of a load, store, alloca or global.</summary>
    public delegate* unmanaged<LlvmValueRef, uint, void> SetAlignment;
    public delegate* unmanaged<LlvmValueRef, int, void> SetVolatile;
    public delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, LlvmValueRef, LlvmValueRef*, uint, byte*, LlvmValueRef> BuildGEP2;
    public delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, LlvmValueRef, LlvmValueRef*, uint, byte*, LlvmValueRef> BuildInBoundsGEP2;
    public delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, LlvmValueRef, LlvmValueRef*, uint, byte*, LlvmValueRef> BuildCall2;
    public delegate* unmanaged<LlvmValueRef, int, void> SetTailCall;
    public delegate* unmanaged<LlvmValueRef, uint, void> SetInstructionCallConv;
    public delegate* unmanaged<LlvmBuilderRef, LlvmBasicBlockRef, LlvmValueRef> BuildBr;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmBasicBlockRef, LlvmBasicBlockRef, LlvmValueRef> BuildCondBr;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmBasicBlockRef, uint, LlvmValueRef> BuildSwitch;
    public delegate* unmanaged<LlvmValueRef, LlvmValueRef, LlvmBasicBlockRef, void> AddCase;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, uint, LlvmValueRef> BuildIndirectBr;
    public delegate* unmanaged<LlvmValueRef, LlvmBasicBlockRef, void> AddDestination;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef> BuildRet;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef> BuildRetVoid;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef> BuildUnreachable;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildTrunc;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildZExt;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildSExt;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildFPToUI;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildFPToSI;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildUIToFP;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildSIToFP;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildFPTrunc;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildFPExt;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildPtrToInt;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildIntToPtr;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef> BuildBitCast;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, uint, byte*, LlvmValueRef> BuildExtractValue;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, uint, byte*, LlvmValueRef> BuildInsertValue;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildExtractElement;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildInsertElement;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef> BuildShuffleVector;
    public delegate* unmanaged<LlvmBuilderRef, LlvmAtomicRmwOp, LlvmValueRef, LlvmValueRef, LlvmAtomicOrdering, int, LlvmValueRef> BuildAtomicRMW;
    public delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef, LlvmAtomicOrdering, LlvmAtomicOrdering, int, LlvmValueRef> BuildAtomicCmpXchg;
    public delegate* unmanaged<LlvmBuilderRef, LlvmAtomicOrdering, int, byte*, LlvmValueRef> BuildFence;

    private void BindBuilder()
    {
        CreateBuilderInContext = (delegate* unmanaged<LlvmContextRef, LlvmBuilderRef>)Required("LLVMCreateBuilderInContext");
        DisposeBuilder = (delegate* unmanaged<LlvmBuilderRef, void>)Required("LLVMDisposeBuilder");
        PositionBuilderAtEnd = (delegate* unmanaged<LlvmBuilderRef, LlvmBasicBlockRef, void>)Required("LLVMPositionBuilderAtEnd");
        GetInsertBlock = (delegate* unmanaged<LlvmBuilderRef, LlvmBasicBlockRef>)Required("LLVMGetInsertBlock");
        BuildAdd = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildAdd");
        BuildNSWAdd = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildNSWAdd");
        BuildNUWAdd = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildNUWAdd");
        BuildSub = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildSub");
        BuildNSWSub = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildNSWSub");
        BuildNUWSub = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildNUWSub");
        BuildMul = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildMul");
        BuildNSWMul = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildNSWMul");
        BuildNUWMul = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildNUWMul");
        BuildUDiv = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildUDiv");
        BuildSDiv = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildSDiv");
        BuildExactSDiv = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildExactSDiv");
        BuildURem = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildURem");
        BuildSRem = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildSRem");
        BuildAnd = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildAnd");
        BuildOr = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildOr");
        BuildXor = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildXor");
        BuildShl = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildShl");
        BuildLShr = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildLShr");
        BuildAShr = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildAShr");
        BuildFAdd = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildFAdd");
        BuildFSub = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildFSub");
        BuildFMul = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildFMul");
        BuildFDiv = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildFDiv");
        BuildFRem = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildFRem");
        BuildNeg = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildNeg");
        BuildNot = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildNot");
        BuildFNeg = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildFNeg");
        BuildICmp = (delegate* unmanaged<LlvmBuilderRef, LlvmIntPredicate, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildICmp");
        BuildFCmp = (delegate* unmanaged<LlvmBuilderRef, LlvmRealPredicate, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildFCmp");
        BuildSelect = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildSelect");
        BuildPhi = (delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildPhi");
        AddIncoming = (delegate* unmanaged<LlvmValueRef, LlvmValueRef*, LlvmBasicBlockRef*, uint, void>)Required("LLVMAddIncoming");
        BuildAlloca = (delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildAlloca");
        BuildLoad2 = (delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildLoad2");
        BuildStore = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef>)Required("LLVMBuildStore");
        SetAlignment = (delegate* unmanaged<LlvmValueRef, uint, void>)Required("LLVMSetAlignment");
        SetVolatile = (delegate* unmanaged<LlvmValueRef, int, void>)Required("LLVMSetVolatile");
        BuildGEP2 = (delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, LlvmValueRef, LlvmValueRef*, uint, byte*, LlvmValueRef>)Required("LLVMBuildGEP2");
        BuildInBoundsGEP2 = (delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, LlvmValueRef, LlvmValueRef*, uint, byte*, LlvmValueRef>)Required("LLVMBuildInBoundsGEP2");
        BuildCall2 = (delegate* unmanaged<LlvmBuilderRef, LlvmTypeRef, LlvmValueRef, LlvmValueRef*, uint, byte*, LlvmValueRef>)Required("LLVMBuildCall2");
        SetTailCall = (delegate* unmanaged<LlvmValueRef, int, void>)Required("LLVMSetTailCall");
        SetInstructionCallConv = (delegate* unmanaged<LlvmValueRef, uint, void>)Required("LLVMSetInstructionCallConv");
        BuildBr = (delegate* unmanaged<LlvmBuilderRef, LlvmBasicBlockRef, LlvmValueRef>)Required("LLVMBuildBr");
        BuildCondBr = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmBasicBlockRef, LlvmBasicBlockRef, LlvmValueRef>)Required("LLVMBuildCondBr");
        BuildSwitch = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmBasicBlockRef, uint, LlvmValueRef>)Required("LLVMBuildSwitch");
        AddCase = (delegate* unmanaged<LlvmValueRef, LlvmValueRef, LlvmBasicBlockRef, void>)Required("LLVMAddCase");
        BuildIndirectBr = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, uint, LlvmValueRef>)Required("LLVMBuildIndirectBr");
        AddDestination = (delegate* unmanaged<LlvmValueRef, LlvmBasicBlockRef, void>)Required("LLVMAddDestination");
        BuildRet = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef>)Required("LLVMBuildRet");
        BuildRetVoid = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef>)Required("LLVMBuildRetVoid");
        BuildUnreachable = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef>)Required("LLVMBuildUnreachable");
        BuildTrunc = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildTrunc");
        BuildZExt = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildZExt");
        BuildSExt = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildSExt");
        BuildFPToUI = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildFPToUI");
        BuildFPToSI = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildFPToSI");
        BuildUIToFP = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildUIToFP");
        BuildSIToFP = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildSIToFP");
        BuildFPTrunc = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildFPTrunc");
        BuildFPExt = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildFPExt");
        BuildPtrToInt = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildPtrToInt");
        BuildIntToPtr = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildIntToPtr");
        BuildBitCast = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMBuildBitCast");
        BuildExtractValue = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, uint, byte*, LlvmValueRef>)Required("LLVMBuildExtractValue");
        BuildInsertValue = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, uint, byte*, LlvmValueRef>)Required("LLVMBuildInsertValue");
        BuildExtractElement = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildExtractElement");
        BuildInsertElement = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildInsertElement");
        BuildShuffleVector = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef, byte*, LlvmValueRef>)Required("LLVMBuildShuffleVector");
        BuildAtomicRMW = (delegate* unmanaged<LlvmBuilderRef, LlvmAtomicRmwOp, LlvmValueRef, LlvmValueRef, LlvmAtomicOrdering, int, LlvmValueRef>)Required("LLVMBuildAtomicRMW");
        BuildAtomicCmpXchg = (delegate* unmanaged<LlvmBuilderRef, LlvmValueRef, LlvmValueRef, LlvmValueRef, LlvmAtomicOrdering, LlvmAtomicOrdering, int, LlvmValueRef>)Required("LLVMBuildAtomicCmpXchg");
        BuildFence = (delegate* unmanaged<LlvmBuilderRef, LlvmAtomicOrdering, int, byte*, LlvmValueRef>)Required("LLVMBuildFence");
    }

    /// <summary>A call (<paramref name="functionType"/> is the callee's type: opaque pointers carry none).</summary>
    public LlvmValueRef Call(LlvmBuilderRef builder, LlvmTypeRef functionType, LlvmValueRef callee, ReadOnlySpan<LlvmValueRef> arguments)
    {
        fixed (LlvmValueRef* p = arguments) return BuildCall2(builder, functionType, callee, p, (uint)arguments.Length, NoName);
    }

    /// <summary>A <c>getelementptr inbounds</c> over <paramref name="elementType"/>.</summary>
    public LlvmValueRef Gep(LlvmBuilderRef builder, LlvmTypeRef elementType, LlvmValueRef pointer, ReadOnlySpan<LlvmValueRef> indices)
    {
        fixed (LlvmValueRef* p = indices) return BuildInBoundsGEP2(builder, elementType, pointer, p, (uint)indices.Length, NoName);
    }

    /// <summary>A load of <paramref name="type"/> with an explicit alignment, volatile if asked (guest memory that may change behind the code's back).</summary>
    public LlvmValueRef Load(LlvmBuilderRef builder, LlvmTypeRef type, LlvmValueRef pointer, uint alignment, bool isVolatile = false)
    {
        var v = BuildLoad2(builder, type, pointer, NoName);
        SetAlignment(v, alignment);
        if (isVolatile) SetVolatile(v, 1);
        return v;
    }

    /// <summary>A store with an explicit alignment, volatile if asked.</summary>
    public LlvmValueRef Store(LlvmBuilderRef builder, LlvmValueRef value, LlvmValueRef pointer, uint alignment, bool isVolatile = false)
    {
        var v = BuildStore(builder, value, pointer);
        SetAlignment(v, alignment);
        if (isVolatile) SetVolatile(v, 1);
        return v;
    }

    /// <summary>Adds one incoming (value, block) pair to a phi.</summary>
    public void AddIncomingOne(LlvmValueRef phi, LlvmValueRef value, LlvmBasicBlockRef block) => AddIncoming(phi, &value, &block, 1);
}
