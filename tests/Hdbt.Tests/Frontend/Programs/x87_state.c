/* x87_state.c -- the x87 register stack, TOP, tags and status word kept live across everything
 * that leaves translated code or calls into the emulator in the middle of x87 work: a system call,
 * cpuid, an x87 store into a page that holds code, MMX instructions, fxsave/fxrstor and
 * fnsave/frstor, and exception-mask changes in both directions. Under hdbt tcg the x87 state sits
 * in the host's x87 unit while generated code runs; these are the places where it must move.
 * Groups: syscall cpuid codepage mmx save masks. Output: each value's 80-bit encoding, status and
 * tag words (the tag word from fnstenv), compared byte for byte with the native run.
 * Built with gcc -m32 -static -O2 (see build.sh). */
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef struct { unsigned long long m; unsigned short se; } __attribute__((packed)) f80;

static void show(const char *what, const f80 *v, int n)
{
    printf("%s:", what);
    for (int i = 0; i < n; i++) printf(" %04x:%016llx", v[i].se, v[i].m);
    printf("\n");
}

/* fnstenv: control, status, tag words (the environment's first three dwords). */
static void env(const char *what)
{
    unsigned e[7];
    __asm__ volatile("fnstenv %0; fldenv %0" : "=m"(e));
    printf("%s: cw=%04x sw=%04x tw=%04x\n", what, e[0] & 0xFFFF, e[1] & 0xFFFF, e[2] & 0xFFFF);
}

static void group_syscall(void)
{
    f80 v[3];
    long pid;
    /* Three values pushed, getpid in the middle of the stack's life, popped afterwards. */
    __asm__ volatile(
        "fldpi\n\tfld1\n\tfldl2e\n\t"
        "movl $20, %%eax\n\tint $0x80\n\t"
        "faddp\n\t"
        "fstpt %1\n\tfstpt %2\n\t"
        : "=&a"(pid), "=m"(v[0]), "=m"(v[1]) : : "memory");
    show("syscall", v, 2);
    printf("pid>0: %d\n", pid > 0);
    env("after syscall");
}

static void group_cpuid(void)
{
    f80 v[2];
    unsigned a, b, c, d;
    __asm__ volatile(
        "fldln2\n\tfldlg2\n\t"
        "movl $1, %%eax\n\tcpuid\n\t"
        "fmulp\n\tfsqrt\n\t"
        "fstpt %4\n\t"
        : "=&a"(a), "=&b"(b), "=&c"(c), "=&d"(d), "=m"(v[0]) : : "memory");
    show("cpuid", v, 1);
    printf("fpu bit: %u\n", d & 1);
    env("after cpuid");
}

static void group_codepage(void)
{
    /* A page holding code that runs before and after x87 stores into the same page. */
    unsigned char *page = mmap(0, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    static const unsigned char fn[] = { 0xB8, 0x2A, 0, 0, 0, 0xC3 };   /* mov eax, 42; ret */
    memcpy(page, fn, sizeof fn);
    int (*call)(void) = (int (*)(void))page;
    int before = call();
    f80 v[3];
    __asm__ volatile(
        "fldpi\n\tfldl2t\n\tfld1\n\t"
        "fstpl 64(%3)\n\t"       /* double */
        "fsts 72(%3)\n\t"        /* float, no pop */
        "fistpl 76(%3)\n\t"      /* int32 */
        "fldz\n\tfstpt 80(%3)\n\t"
        "fldl 64(%3)\n\tflds 72(%3)\n\tfildl 76(%3)\n\t"
        "fstpt %0\n\tfstpt %1\n\tfstpt %2\n\t"
        : "=m"(v[0]), "=m"(v[1]), "=m"(v[2]) : "r"(page) : "memory");
    show("codepage", v, 3);
    page[1] = 0x2B;          /* the function now returns 43 */
    printf("calls: %d %d\n", before, call());
    env("after codepage");
    munmap(page, 4096);
}

static void group_mmx(void)
{
    f80 v[2];
    unsigned long long q = 0x0123456789abcdefull, r;
    /* x87 values live when MMX starts: MMX sets TOP = 0 and tags every register valid. */
    __asm__ volatile("fld1\n\tfldpi\n\t" ::: "memory");
    env("before mmx");
    __asm__ volatile("movq %1, %%mm0\n\tpaddd %%mm0, %%mm0\n\tmovq %%mm0, %0\n\t" : "=m"(r) : "m"(q) : "memory");
    env("after mmx");
    __asm__ volatile("emms" ::: "memory");
    env("after emms");
    __asm__ volatile("fldl2e\n\tfldlg2\n\tfaddp\n\tfstpt %0\n\tfldz\n\tfstpt %1\n\t" : "=m"(v[0]), "=m"(v[1]) :: "memory");
    show("mmx", v, 2);
    printf("paddd: %016llx\n", r);
}

static void group_save(void)
{
    static unsigned char fx[512] __attribute__((aligned(16)));
    unsigned char fs[108];
    f80 v[4];
    __asm__ volatile(
        "fld1\n\tfldpi\n\t"
        "fxsave %4\n\tfninit\n\tfldz\n\tfxrstor %4\n\t"
        "fldl2t\n\t"
        "fnsave %5\n\tfld1\n\tfrstor %5\n\t"
        "fchs\n\t"
        "fstpt %0\n\tfstpt %1\n\tfstpt %2\n\tfldz\n\tfstpt %3\n\t"
        : "=m"(v[0]), "=m"(v[1]), "=m"(v[2]), "=m"(v[3]), "+m"(fx), "+m"(fs) :: "memory");
    show("save", v, 4);
    /* fxsave's control, status and abridged tag bytes and the first register. */
    printf("fxsave: cw=%04x sw=%04x ftw=%02x st0=%04x:%016llx\n", fx[0] | fx[1] << 8, fx[2] | fx[3] << 8, fx[4],
           fx[40] | fx[41] << 8, *(unsigned long long *)(fx + 32));
    env("after save");
}

static void group_masks(void)
{
    f80 v[4];
    unsigned short unmask_pm = 0x035F, all = 0x037F, chop = 0x0F7F;
    unsigned short sw1, sw2;
    /* Unmask PE (no inexact operation follows while it is unmasked), mask again, change rounding. */
    __asm__ volatile(
        "fninit\n\tfldcw %6\n\t"
        "fld1\n\tfld1\n\tfaddp\n\t"       /* 2: exact */
        "fnstsw %4\n\t"
        "fldcw %7\n\t"
        "fldpi\n\tfdiv %%st(1), %%st\n\t" /* pi/2: inexact, masked now */
        "fnstsw %5\n\t"
        "fldcw %8\n\t"
        "fld1\n\tfdiv %%st(2), %%st\n\t"  /* 1/2 exact; then 1/3 chopped */
        "fldl2e\n\tfdivr %%st(3), %%st\n\t"
        "fstpt %0\n\tfstpt %1\n\tfstpt %2\n\tfstpt %3\n\t"
        "fldcw %7\n\t"
        : "=m"(v[0]), "=m"(v[1]), "=m"(v[2]), "=m"(v[3]), "=m"(sw1), "=m"(sw2)
        : "m"(unmask_pm), "m"(all), "m"(chop) : "memory");
    show("masks", v, 4);
    printf("sw: %04x %04x\n", sw1, sw2);
    env("after masks");
}

int main(int argc, char **argv)
{
    const char *g = argc > 1 ? argv[1] : "";
    if (!strcmp(g, "syscall")) group_syscall();
    else if (!strcmp(g, "cpuid")) group_cpuid();
    else if (!strcmp(g, "codepage")) group_codepage();
    else if (!strcmp(g, "mmx")) group_mmx();
    else if (!strcmp(g, "save")) group_save();
    else if (!strcmp(g, "masks")) group_masks();
    else { fprintf(stderr, "usage: x87_state syscall|cpuid|codepage|mmx|save|masks\n"); return 2; }
    return 0;
}
