namespace Hdbt.Llvm;

// Contexts, modules, types, constants, functions, basic blocks, attributes, intrinsics.
public sealed unsafe partial class LlvmApi
{
    // Version and messages.
    /// <summary>Optional: 16 on (on 15 the version comes from the file name).</summary>
    public delegate* unmanaged<uint*, uint*, uint*, void> GetVersion;
    public delegate* unmanaged<nint, void> DisposeMessage;

    // Contexts and modules.
    public delegate* unmanaged<LlvmContextRef> ContextCreate;
    public delegate* unmanaged<LlvmContextRef, void> ContextDispose;
    /// <summary>Optional: 15–18 only (opaque pointers are the only kind from 17 on; 15 and 16 default to them).</summary>
    public delegate* unmanaged<LlvmContextRef, int, void> ContextSetOpaquePointers;
    public delegate* unmanaged<byte*, LlvmContextRef, LlvmModuleRef> ModuleCreateWithNameInContext;
    public delegate* unmanaged<LlvmModuleRef, void> DisposeModule;
    public delegate* unmanaged<LlvmModuleRef, byte*, void> SetTarget;
    public delegate* unmanaged<LlvmModuleRef, byte*, void> SetDataLayout;
    public delegate* unmanaged<LlvmModuleRef, nint> PrintModuleToString;
    public delegate* unmanaged<LlvmModuleRef, int, nint*, int> VerifyModule;
    public delegate* unmanaged<LlvmModuleRef, LlvmContextRef> GetModuleContext;

    // Types.
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> Int1TypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> Int8TypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> Int16TypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> Int32TypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> Int64TypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> Int128TypeInContext;
    public delegate* unmanaged<LlvmContextRef, uint, LlvmTypeRef> IntTypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> FloatTypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> DoubleTypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> X86FP80TypeInContext;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef> VoidTypeInContext;
    public delegate* unmanaged<LlvmContextRef, uint, LlvmTypeRef> PointerTypeInContext;
    public delegate* unmanaged<LlvmTypeRef, uint, LlvmTypeRef> VectorType;
    /// <summary>Optional: up to 21 (deprecated by <see cref="ArrayType2"/>); one of the two is there.</summary>
    public delegate* unmanaged<LlvmTypeRef, uint, LlvmTypeRef> ArrayType;
    /// <summary>Optional: 17 on.</summary>
    public delegate* unmanaged<LlvmTypeRef, ulong, LlvmTypeRef> ArrayType2;
    public delegate* unmanaged<LlvmTypeRef, LlvmTypeRef*, uint, int, LlvmTypeRef> FunctionType;
    public delegate* unmanaged<LlvmContextRef, LlvmTypeRef*, uint, int, LlvmTypeRef> StructTypeInContext;
    public delegate* unmanaged<LlvmTypeRef, uint> GetIntTypeWidth;
    public delegate* unmanaged<LlvmTypeRef, int> GetTypeKind;
    public delegate* unmanaged<LlvmValueRef, LlvmTypeRef> TypeOf;

    // Constants.
    public delegate* unmanaged<LlvmTypeRef, ulong, int, LlvmValueRef> ConstInt;
    public delegate* unmanaged<LlvmTypeRef, uint, ulong*, LlvmValueRef> ConstIntOfArbitraryPrecision;
    public delegate* unmanaged<LlvmTypeRef, double, LlvmValueRef> ConstReal;
    public delegate* unmanaged<LlvmTypeRef, LlvmValueRef> ConstNull;
    public delegate* unmanaged<LlvmTypeRef, LlvmValueRef> ConstAllOnes;
    public delegate* unmanaged<LlvmTypeRef, LlvmValueRef> GetUndef;
    public delegate* unmanaged<LlvmTypeRef, LlvmValueRef> GetPoison;
    public delegate* unmanaged<LlvmValueRef, LlvmTypeRef, LlvmValueRef> ConstIntToPtr;
    public delegate* unmanaged<LlvmValueRef*, uint, LlvmValueRef> ConstVector;
    public delegate* unmanaged<LlvmValueRef, ulong> ConstIntGetZExtValue;
    public delegate* unmanaged<LlvmValueRef, int> IsConstant;

    // Functions, globals, values.
    public delegate* unmanaged<LlvmModuleRef, byte*, LlvmTypeRef, LlvmValueRef> AddFunction;
    public delegate* unmanaged<LlvmModuleRef, byte*, LlvmValueRef> GetNamedFunction;
    public delegate* unmanaged<LlvmModuleRef, LlvmTypeRef, byte*, LlvmValueRef> AddGlobal;
    public delegate* unmanaged<LlvmValueRef, LlvmValueRef, void> SetInitializer;
    public delegate* unmanaged<LlvmValueRef, int, void> SetGlobalConstant;
    public delegate* unmanaged<LlvmValueRef, LlvmLinkage, void> SetLinkage;
    public delegate* unmanaged<LlvmValueRef, uint, void> SetFunctionCallConv;
    public delegate* unmanaged<LlvmValueRef, uint, LlvmValueRef> GetParam;
    public delegate* unmanaged<LlvmValueRef, uint> CountParams;
    public delegate* unmanaged<LlvmValueRef, byte*, nuint, void> SetValueName2;

    // Basic blocks.
    public delegate* unmanaged<LlvmContextRef, LlvmValueRef, byte*, LlvmBasicBlockRef> AppendBasicBlockInContext;
    public delegate* unmanaged<LlvmBasicBlockRef, LlvmValueRef> GetBasicBlockParent;
    public delegate* unmanaged<LlvmBasicBlockRef, LlvmValueRef> GetBasicBlockTerminator;

    // Attributes (index: 0 the return value, 1.. the parameters, uint.MaxValue the function).
    public delegate* unmanaged<byte*, nuint, uint> GetEnumAttributeKindForName;
    public delegate* unmanaged<LlvmContextRef, uint, ulong, LlvmAttributeRef> CreateEnumAttribute;
    public delegate* unmanaged<LlvmValueRef, uint, LlvmAttributeRef, void> AddAttributeAtIndex;
    public delegate* unmanaged<LlvmValueRef, uint, LlvmAttributeRef, void> AddCallSiteAttribute;

    // Intrinsics.
    public delegate* unmanaged<byte*, nuint, uint> LookupIntrinsicID;
    public delegate* unmanaged<LlvmModuleRef, uint, LlvmTypeRef*, nuint, LlvmValueRef> GetIntrinsicDeclaration;
    public delegate* unmanaged<LlvmContextRef, uint, LlvmTypeRef*, nuint, LlvmTypeRef> IntrinsicGetType;

    /// <summary>The attribute index of the function itself (C's <c>LLVMAttributeFunctionIndex</c>).</summary>
    public const uint FunctionIndex = uint.MaxValue;

    private void BindCore()
    {
        GetVersion = (delegate* unmanaged<uint*, uint*, uint*, void>)Optional("LLVMGetVersion");
        DisposeMessage = (delegate* unmanaged<nint, void>)Required("LLVMDisposeMessage");

        ContextCreate = (delegate* unmanaged<LlvmContextRef>)Required("LLVMContextCreate");
        ContextDispose = (delegate* unmanaged<LlvmContextRef, void>)Required("LLVMContextDispose");
        ContextSetOpaquePointers = (delegate* unmanaged<LlvmContextRef, int, void>)Optional("LLVMContextSetOpaquePointers");
        ModuleCreateWithNameInContext = (delegate* unmanaged<byte*, LlvmContextRef, LlvmModuleRef>)Required("LLVMModuleCreateWithNameInContext");
        DisposeModule = (delegate* unmanaged<LlvmModuleRef, void>)Required("LLVMDisposeModule");
        SetTarget = (delegate* unmanaged<LlvmModuleRef, byte*, void>)Required("LLVMSetTarget");
        SetDataLayout = (delegate* unmanaged<LlvmModuleRef, byte*, void>)Required("LLVMSetDataLayout");
        PrintModuleToString = (delegate* unmanaged<LlvmModuleRef, nint>)Required("LLVMPrintModuleToString");
        VerifyModule = (delegate* unmanaged<LlvmModuleRef, int, nint*, int>)Required("LLVMVerifyModule");
        GetModuleContext = (delegate* unmanaged<LlvmModuleRef, LlvmContextRef>)Required("LLVMGetModuleContext");

        Int1TypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMInt1TypeInContext");
        Int8TypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMInt8TypeInContext");
        Int16TypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMInt16TypeInContext");
        Int32TypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMInt32TypeInContext");
        Int64TypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMInt64TypeInContext");
        Int128TypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMInt128TypeInContext");
        IntTypeInContext = (delegate* unmanaged<LlvmContextRef, uint, LlvmTypeRef>)Required("LLVMIntTypeInContext");
        FloatTypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMFloatTypeInContext");
        DoubleTypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMDoubleTypeInContext");
        X86FP80TypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMX86FP80TypeInContext");
        VoidTypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef>)Required("LLVMVoidTypeInContext");
        PointerTypeInContext = (delegate* unmanaged<LlvmContextRef, uint, LlvmTypeRef>)Required("LLVMPointerTypeInContext");
        VectorType = (delegate* unmanaged<LlvmTypeRef, uint, LlvmTypeRef>)Required("LLVMVectorType");
        ArrayType = (delegate* unmanaged<LlvmTypeRef, uint, LlvmTypeRef>)Optional("LLVMArrayType");
        ArrayType2 = (delegate* unmanaged<LlvmTypeRef, ulong, LlvmTypeRef>)Optional("LLVMArrayType2");
        FunctionType = (delegate* unmanaged<LlvmTypeRef, LlvmTypeRef*, uint, int, LlvmTypeRef>)Required("LLVMFunctionType");
        StructTypeInContext = (delegate* unmanaged<LlvmContextRef, LlvmTypeRef*, uint, int, LlvmTypeRef>)Required("LLVMStructTypeInContext");
        GetIntTypeWidth = (delegate* unmanaged<LlvmTypeRef, uint>)Required("LLVMGetIntTypeWidth");
        GetTypeKind = (delegate* unmanaged<LlvmTypeRef, int>)Required("LLVMGetTypeKind");
        TypeOf = (delegate* unmanaged<LlvmValueRef, LlvmTypeRef>)Required("LLVMTypeOf");

        ConstInt = (delegate* unmanaged<LlvmTypeRef, ulong, int, LlvmValueRef>)Required("LLVMConstInt");
        ConstIntOfArbitraryPrecision = (delegate* unmanaged<LlvmTypeRef, uint, ulong*, LlvmValueRef>)Required("LLVMConstIntOfArbitraryPrecision");
        ConstReal = (delegate* unmanaged<LlvmTypeRef, double, LlvmValueRef>)Required("LLVMConstReal");
        ConstNull = (delegate* unmanaged<LlvmTypeRef, LlvmValueRef>)Required("LLVMConstNull");
        ConstAllOnes = (delegate* unmanaged<LlvmTypeRef, LlvmValueRef>)Required("LLVMConstAllOnes");
        GetUndef = (delegate* unmanaged<LlvmTypeRef, LlvmValueRef>)Required("LLVMGetUndef");
        GetPoison = (delegate* unmanaged<LlvmTypeRef, LlvmValueRef>)Required("LLVMGetPoison");
        ConstIntToPtr = (delegate* unmanaged<LlvmValueRef, LlvmTypeRef, LlvmValueRef>)Required("LLVMConstIntToPtr");
        ConstVector = (delegate* unmanaged<LlvmValueRef*, uint, LlvmValueRef>)Required("LLVMConstVector");
        ConstIntGetZExtValue = (delegate* unmanaged<LlvmValueRef, ulong>)Required("LLVMConstIntGetZExtValue");
        IsConstant = (delegate* unmanaged<LlvmValueRef, int>)Required("LLVMIsConstant");

        AddFunction = (delegate* unmanaged<LlvmModuleRef, byte*, LlvmTypeRef, LlvmValueRef>)Required("LLVMAddFunction");
        GetNamedFunction = (delegate* unmanaged<LlvmModuleRef, byte*, LlvmValueRef>)Required("LLVMGetNamedFunction");
        AddGlobal = (delegate* unmanaged<LlvmModuleRef, LlvmTypeRef, byte*, LlvmValueRef>)Required("LLVMAddGlobal");
        SetInitializer = (delegate* unmanaged<LlvmValueRef, LlvmValueRef, void>)Required("LLVMSetInitializer");
        SetGlobalConstant = (delegate* unmanaged<LlvmValueRef, int, void>)Required("LLVMSetGlobalConstant");
        SetLinkage = (delegate* unmanaged<LlvmValueRef, LlvmLinkage, void>)Required("LLVMSetLinkage");
        SetFunctionCallConv = (delegate* unmanaged<LlvmValueRef, uint, void>)Required("LLVMSetFunctionCallConv");
        GetParam = (delegate* unmanaged<LlvmValueRef, uint, LlvmValueRef>)Required("LLVMGetParam");
        CountParams = (delegate* unmanaged<LlvmValueRef, uint>)Required("LLVMCountParams");
        SetValueName2 = (delegate* unmanaged<LlvmValueRef, byte*, nuint, void>)Required("LLVMSetValueName2");

        AppendBasicBlockInContext = (delegate* unmanaged<LlvmContextRef, LlvmValueRef, byte*, LlvmBasicBlockRef>)Required("LLVMAppendBasicBlockInContext");
        GetBasicBlockParent = (delegate* unmanaged<LlvmBasicBlockRef, LlvmValueRef>)Required("LLVMGetBasicBlockParent");
        GetBasicBlockTerminator = (delegate* unmanaged<LlvmBasicBlockRef, LlvmValueRef>)Required("LLVMGetBasicBlockTerminator");

        GetEnumAttributeKindForName = (delegate* unmanaged<byte*, nuint, uint>)Required("LLVMGetEnumAttributeKindForName");
        CreateEnumAttribute = (delegate* unmanaged<LlvmContextRef, uint, ulong, LlvmAttributeRef>)Required("LLVMCreateEnumAttribute");
        AddAttributeAtIndex = (delegate* unmanaged<LlvmValueRef, uint, LlvmAttributeRef, void>)Required("LLVMAddAttributeAtIndex");
        AddCallSiteAttribute = (delegate* unmanaged<LlvmValueRef, uint, LlvmAttributeRef, void>)Required("LLVMAddCallSiteAttribute");

        LookupIntrinsicID = (delegate* unmanaged<byte*, nuint, uint>)Required("LLVMLookupIntrinsicID");
        GetIntrinsicDeclaration = (delegate* unmanaged<LlvmModuleRef, uint, LlvmTypeRef*, nuint, LlvmValueRef>)Required("LLVMGetIntrinsicDeclaration");
        IntrinsicGetType = (delegate* unmanaged<LlvmContextRef, uint, LlvmTypeRef*, nuint, LlvmTypeRef>)Required("LLVMIntrinsicGetType");
    }

    /// <summary>A new context; opaque pointers switched on where the version still has the switch.</summary>
    public LlvmContextRef CreateContext()
    {
        var c = ContextCreate();
        if (ContextSetOpaquePointers != null) ContextSetOpaquePointers(c, 1);
        return c;
    }

    /// <summary>A new, empty module in <paramref name="context"/>.</summary>
    public LlvmModuleRef CreateModule(LlvmContextRef context, string name)
    {
        using var n = new Utf8Z(name, stackalloc byte[128]);
        return ModuleCreateWithNameInContext(n.Pointer, context);
    }

    /// <summary>Sets the module's target triple and data layout (what the passes and the JIT assume).</summary>
    public void SetTargetAndLayout(LlvmModuleRef module, string triple, string dataLayout)
    {
        using var t = new Utf8Z(triple, stackalloc byte[128]);
        using var d = new Utf8Z(dataLayout, stackalloc byte[256]);
        SetTarget(module, t.Pointer);
        SetDataLayout(module, d.Pointer);
    }

    /// <summary>A function type.</summary>
    public LlvmTypeRef Function(LlvmTypeRef result, ReadOnlySpan<LlvmTypeRef> parameters, bool varArg = false)
    {
        fixed (LlvmTypeRef* p = parameters) return FunctionType(result, p, (uint)parameters.Length, varArg ? 1 : 0);
    }

    /// <summary>A literal (unnamed) struct type.</summary>
    public LlvmTypeRef Struct(LlvmContextRef context, ReadOnlySpan<LlvmTypeRef> elements, bool packed = false)
    {
        fixed (LlvmTypeRef* p = elements) return StructTypeInContext(context, p, (uint)elements.Length, packed ? 1 : 0);
    }

    /// <summary>An array type, through whichever of <c>LLVMArrayType2</c> and <c>LLVMArrayType</c> this version has.</summary>
    public LlvmTypeRef Array(LlvmTypeRef element, uint count) =>
        ArrayType2 != null ? ArrayType2(element, count) : ArrayType(element, count);

    /// <summary>The opaque pointer type of address space 0.</summary>
    public LlvmTypeRef Pointer(LlvmContextRef context) => PointerTypeInContext(context, 0);

    /// <summary>An integer constant of type <paramref name="type"/> (the low bits of <paramref name="value"/>).</summary>
    public LlvmValueRef Const(LlvmTypeRef type, long value) => ConstInt(type, (ulong)value, 0);

    /// <summary>A 128-bit integer constant (SSE registers as one integer).</summary>
    public LlvmValueRef Const128(LlvmContextRef context, ulong low, ulong high)
    {
        var words = stackalloc ulong[2] { low, high };
        return ConstIntOfArbitraryPrecision(Int128TypeInContext(context), 2, words);
    }

    /// <summary>A pointer constant to a host address: how generated code reaches CpuState, helpers and C# callbacks without a symbol.</summary>
    public LlvmValueRef ConstPointer(LlvmContextRef context, nint address) =>
        ConstIntToPtr(ConstInt(Int64TypeInContext(context), (ulong)address, 0), Pointer(context));

    /// <summary>Adds a function (a declaration until it gets a basic block).</summary>
    public LlvmValueRef AddFunctionNamed(LlvmModuleRef module, string name, LlvmTypeRef functionType)
    {
        using var n = new Utf8Z(name, stackalloc byte[128]);
        return AddFunction(module, n.Pointer, functionType);
    }

    /// <summary>Names a value (for readable <c>-d ir</c> output; values need no name).</summary>
    public void SetName(LlvmValueRef value, string name)
    {
        using var n = new Utf8Z(name, stackalloc byte[128]);
        SetValueName2(value, n.Pointer, (nuint)n.Length);
    }

    /// <summary>Appends a basic block to <paramref name="function"/>.</summary>
    public LlvmBasicBlockRef AppendBlock(LlvmContextRef context, LlvmValueRef function, string name = "")
    {
        using var n = new Utf8Z(name, stackalloc byte[64]);
        return AppendBasicBlockInContext(context, function, n.Pointer);
    }

    /// <summary>Adds the enum attribute <paramref name="name"/> (e.g. "nounwind", "noinline") at <paramref name="index"/> (<see cref="FunctionIndex"/>, 0 = return, 1.. parameters).</summary>
    public void AddAttribute(LlvmContextRef context, LlvmValueRef function, uint index, string name, ulong value = 0)
    {
        using var n = new Utf8Z(name, stackalloc byte[64]);
        uint kind = GetEnumAttributeKindForName(n.Pointer, (nuint)n.Length);
        if (kind == 0) throw new LlvmException($"LLVM knows no attribute '{name}'");
        AddAttributeAtIndex(function, index, CreateEnumAttribute(context, kind, value));
    }

    /// <summary>
    /// The declaration of the intrinsic <paramref name="name"/> (e.g. "llvm.sadd.with.overflow") in
    /// <paramref name="module"/>, overloaded on <paramref name="overloadTypes"/> (e.g. i32); its function type
    /// comes with it, for <see cref="Call"/>.
    /// </summary>
    public (LlvmValueRef Function, LlvmTypeRef Type) Intrinsic(LlvmModuleRef module, string name, ReadOnlySpan<LlvmTypeRef> overloadTypes)
    {
        using var n = new Utf8Z(name, stackalloc byte[128]);
        uint id = LookupIntrinsicID(n.Pointer, (nuint)n.Length);
        if (id == 0) throw new LlvmException($"LLVM knows no intrinsic '{name}'");
        fixed (LlvmTypeRef* p = overloadTypes)
        {
            var f = GetIntrinsicDeclaration(module, id, p, (nuint)overloadTypes.Length);
            var t = IntrinsicGetType(GetModuleContext(module), id, p, (nuint)overloadTypes.Length);
            return (f, t);
        }
    }
}
