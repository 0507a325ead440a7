/* bytecode: a small stack-machine interpreter. The guest program (assembled
 * at startup) runs Collatz step counting for 1..N, mixes a hash through a
 * VM-level CALL/RET, and computes a recursive Fibonacci number.
 * Two dispatch loops are provided: a `switch` loop and a GCC computed-goto
 * ("threaded") loop; both are indirect-branch heavy. Repetitions alternate
 * between them and must produce identical results.
 * usage: bytecode N [REPEAT [FIB]]   (N is capped at 100000 so that the
 * Collatz values fit in 32 bits)       Written for hdbt bench. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>

enum {
    OP_HALT, OP_PUSH, OP_LOAD, OP_STORE, OP_ADD, OP_SUB, OP_MUL, OP_AND,
    OP_XOR, OP_SHL, OP_SHR, OP_LT, OP_GT, OP_EQ, OP_JMP, OP_JZ, OP_JNZ,
    OP_DUP, OP_DROP, OP_SWAP, OP_CALL, OP_RET, OP_INC, OP_NOP, OP_COUNT
};

#define MAXCODE 512
static int32_t code[MAXCODE];
static int ncode;

static void emit(int32_t v) { code[ncode++] = v; }
static void emit2(int32_t op, int32_t arg) { emit(op); emit(arg); }
static int here(void) { return ncode; }
/* emit a jump with a placeholder; returns the operand slot */
static int emitj(int32_t op) { emit(op); emit(-1); return ncode - 1; }
static void patch(int slot, int target) { code[slot] = target; }

enum { R_N, R_I, R_TOTAL, R_MAX, R_HASH, R_X, R_STEPS, R_FIBARG, R_FIB, NREGS = 16 };

static int fib_entry;

static void assemble(void)
{
    ncode = 0;
    int jmain = emitj(OP_JMP);
    /* mix: (h i -- h') ; h' = ((h*31) ^ i) ^ (((h*31)^i) << 7) */
    int mix = here();
    emit(OP_SWAP); emit2(OP_PUSH, 31); emit(OP_MUL); emit(OP_XOR);
    emit(OP_DUP); emit2(OP_PUSH, 7); emit(OP_SHL); emit(OP_XOR); emit(OP_RET);
    /* fib: (n -- fib(n)) */
    fib_entry = here();
    emit(OP_DUP); emit2(OP_PUSH, 2); emit(OP_LT);
    int jret = emitj(OP_JNZ);
    emit(OP_DUP); emit2(OP_PUSH, 1); emit(OP_SUB); emit2(OP_CALL, fib_entry);
    emit(OP_SWAP); emit2(OP_PUSH, 2); emit(OP_SUB); emit2(OP_CALL, fib_entry);
    emit(OP_ADD);
    patch(jret, here());
    emit(OP_RET);
    /* main */
    patch(jmain, here());
    int loop = here();
    emit2(OP_LOAD, R_I); emit2(OP_LOAD, R_N); emit(OP_GT);
    int jend = emitj(OP_JNZ);
    emit2(OP_LOAD, R_I); emit2(OP_STORE, R_X);
    emit2(OP_PUSH, 0); emit2(OP_STORE, R_STEPS);
    int cl = here();
    emit2(OP_LOAD, R_X); emit2(OP_PUSH, 1); emit(OP_EQ);
    int jcldone = emitj(OP_JNZ);
    emit2(OP_LOAD, R_X); emit2(OP_PUSH, 1); emit(OP_AND);
    int jeven = emitj(OP_JZ);
    emit2(OP_LOAD, R_X); emit(OP_DUP); emit(OP_ADD); emit2(OP_LOAD, R_X); emit(OP_ADD);
    emit2(OP_PUSH, 1); emit(OP_ADD); emit2(OP_STORE, R_X);
    int jnext = emitj(OP_JMP);
    patch(jeven, here());
    emit2(OP_LOAD, R_X); emit2(OP_PUSH, 1); emit(OP_SHR); emit2(OP_STORE, R_X);
    patch(jnext, here());
    emit2(OP_INC, R_STEPS); emit(OP_NOP);
    emit2(OP_JMP, cl);
    patch(jcldone, here());
    emit2(OP_LOAD, R_TOTAL); emit2(OP_LOAD, R_STEPS); emit(OP_ADD); emit2(OP_STORE, R_TOTAL);
    emit2(OP_LOAD, R_STEPS); emit2(OP_LOAD, R_MAX); emit(OP_GT);
    int jnomax = emitj(OP_JZ);
    emit2(OP_LOAD, R_STEPS); emit2(OP_STORE, R_MAX);
    patch(jnomax, here());
    emit2(OP_LOAD, R_HASH); emit2(OP_LOAD, R_I); emit2(OP_CALL, mix); emit2(OP_STORE, R_HASH);
    emit2(OP_INC, R_I);
    emit2(OP_JMP, loop);
    patch(jend, here());
    emit2(OP_LOAD, R_FIBARG); emit2(OP_CALL, fib_entry); emit2(OP_STORE, R_FIB);
    emit(OP_PUSH); emit(0x1234); emit(OP_DROP);
    emit(OP_HALT);
}

typedef struct { uint32_t regs[NREGS]; uint64_t executed; } vmstate;

#define STACK 1024
static uint32_t dstack[STACK];
static int32_t cstack[STACK];

static int run_switch(vmstate *vm)
{
    int pc = 0, sp = 0, csp = 0;
    uint64_t n = 0;
    for (;;) {
        n++;
        switch (code[pc++]) {
        case OP_HALT: vm->executed = n; return sp;
        case OP_PUSH: dstack[sp++] = (uint32_t)code[pc++]; break;
        case OP_LOAD: dstack[sp++] = vm->regs[code[pc++]]; break;
        case OP_STORE: vm->regs[code[pc++]] = dstack[--sp]; break;
        case OP_ADD: sp--; dstack[sp - 1] += dstack[sp]; break;
        case OP_SUB: sp--; dstack[sp - 1] -= dstack[sp]; break;
        case OP_MUL: sp--; dstack[sp - 1] *= dstack[sp]; break;
        case OP_AND: sp--; dstack[sp - 1] &= dstack[sp]; break;
        case OP_XOR: sp--; dstack[sp - 1] ^= dstack[sp]; break;
        case OP_SHL: sp--; dstack[sp - 1] <<= (dstack[sp] & 31); break;
        case OP_SHR: sp--; dstack[sp - 1] >>= (dstack[sp] & 31); break;
        case OP_LT: sp--; dstack[sp - 1] = dstack[sp - 1] < dstack[sp]; break;
        case OP_GT: sp--; dstack[sp - 1] = dstack[sp - 1] > dstack[sp]; break;
        case OP_EQ: sp--; dstack[sp - 1] = dstack[sp - 1] == dstack[sp]; break;
        case OP_JMP: pc = code[pc]; break;
        case OP_JZ: if (dstack[--sp] == 0) pc = code[pc]; else pc++; break;
        case OP_JNZ: if (dstack[--sp] != 0) pc = code[pc]; else pc++; break;
        case OP_DUP: dstack[sp] = dstack[sp - 1]; sp++; break;
        case OP_DROP: sp--; break;
        case OP_SWAP: { uint32_t t = dstack[sp - 1]; dstack[sp - 1] = dstack[sp - 2]; dstack[sp - 2] = t; break; }
        case OP_CALL: cstack[csp++] = pc + 1; pc = code[pc]; break;
        case OP_RET: pc = cstack[--csp]; break;
        case OP_INC: vm->regs[code[pc++]]++; break;
        case OP_NOP: break;
        default: printf("bad opcode %d at %d\n", code[pc - 1], pc - 1); exit(2);
        }
    }
}

static int run_threaded(vmstate *vm)
{
    static void *const table[OP_COUNT] = {
        &&l_halt, &&l_push, &&l_load, &&l_store, &&l_add, &&l_sub, &&l_mul, &&l_and,
        &&l_xor, &&l_shl, &&l_shr, &&l_lt, &&l_gt, &&l_eq, &&l_jmp, &&l_jz, &&l_jnz,
        &&l_dup, &&l_drop, &&l_swap, &&l_call, &&l_ret, &&l_inc, &&l_nop
    };
    const int32_t *pc = code;
    uint32_t *sp = dstack;
    const int32_t *cs_store[STACK];
    const int32_t **csp = cs_store;
    uint32_t *regs = vm->regs;
    uint64_t n = 0;
#define NEXT do { n++; goto *table[*pc++]; } while (0)
    NEXT;
l_halt: vm->executed = n; return (int)(sp - dstack);
l_push: *sp++ = (uint32_t)*pc++; NEXT;
l_load: *sp++ = regs[*pc++]; NEXT;
l_store: regs[*pc++] = *--sp; NEXT;
l_add: sp--; sp[-1] += sp[0]; NEXT;
l_sub: sp--; sp[-1] -= sp[0]; NEXT;
l_mul: sp--; sp[-1] *= sp[0]; NEXT;
l_and: sp--; sp[-1] &= sp[0]; NEXT;
l_xor: sp--; sp[-1] ^= sp[0]; NEXT;
l_shl: sp--; sp[-1] <<= (sp[0] & 31); NEXT;
l_shr: sp--; sp[-1] >>= (sp[0] & 31); NEXT;
l_lt: sp--; sp[-1] = sp[-1] < sp[0]; NEXT;
l_gt: sp--; sp[-1] = sp[-1] > sp[0]; NEXT;
l_eq: sp--; sp[-1] = sp[-1] == sp[0]; NEXT;
l_jmp: pc = code + *pc; NEXT;
l_jz: if (*--sp == 0) pc = code + *pc; else pc++; NEXT;
l_jnz: if (*--sp != 0) pc = code + *pc; else pc++; NEXT;
l_dup: sp[0] = sp[-1]; sp++; NEXT;
l_drop: sp--; NEXT;
l_swap: { uint32_t t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; } NEXT;
l_call: *csp++ = pc + 1; pc = code + *pc; NEXT;
l_ret: pc = *--csp; NEXT;
l_inc: regs[*pc++]++; NEXT;
l_nop: NEXT;
#undef NEXT
}

int main(int argc, char **argv)
{
    uint32_t n = argc > 1 ? (uint32_t)strtoul(argv[1], 0, 10) : 1000;
    unsigned repeat = argc > 2 ? (unsigned)strtoul(argv[2], 0, 10) : 2;
    uint32_t fibarg = argc > 3 ? (uint32_t)strtoul(argv[3], 0, 10) : 20;
    if (n > 100000) n = 100000;
    if (fibarg > 30) fibarg = 30;
    if (repeat == 0) repeat = 1;
    assemble();
    printf("program: %d words\n", ncode);
    uint32_t ref[NREGS];
    uint64_t total_exec = 0;
    for (unsigned r = 0; r < repeat; r++) {
        vmstate vm;
        memset(&vm, 0, sizeof vm);
        vm.regs[R_N] = n;
        vm.regs[R_I] = 1;
        vm.regs[R_FIBARG] = fibarg;
        int depth = (r & 1) ? run_threaded(&vm) : run_switch(&vm);
        if (depth != 0) { printf("stack not empty: %d\n", depth); return 1; }
        total_exec += vm.executed;
        if (r < 2) {
            printf("%s: n=%u total=%u max=%u hash=%08x fib(%u)=%u ops=%llu\n",
                   (r & 1) ? "threaded" : "switch", vm.regs[R_N], vm.regs[R_TOTAL],
                   vm.regs[R_MAX], vm.regs[R_HASH], fibarg, vm.regs[R_FIB],
                   (unsigned long long)vm.executed);
            if (r == 0) memcpy(ref, vm.regs, sizeof ref);
        }
        if (memcmp(ref, vm.regs, sizeof ref) != 0) {
            printf("round %u: result differs\n", r); return 1;
        }
    }
    printf("bytecode: %u repeats, %llu VM instructions\n", repeat, (unsigned long long)total_exec);
    return 0;
}
