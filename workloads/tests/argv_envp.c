/* argv_envp: prints argc, the basename of argv[0], every further argument
 * in brackets, whether envp (main's 3rd argument) and getenv agree, and the
 * values of HDBT_TEST_VAR and HDBT_TEST_VAR2 (or "(unset)"), plus
 * getauxval(AT_PAGESZ).
 * Manifest invocation: args  one "two words" "" "x=y" "--flag"
 *                      env   HDBT_TEST_VAR=hello-env HDBT_TEST_VAR2=42
 * Other environment variables may be present; they are not printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

static const char *find_in_envp(char **envp, const char *name)
{
    size_t l = strlen(name);
    for (char **e = envp; *e; e++)
        if (strncmp(*e, name, l) == 0 && (*e)[l] == '=') return *e + l + 1;
    return NULL;
}

int main(int argc, char **argv, char **envp)
{
    printf("argc=%d\n", argc);
    const char *base = strrchr(argv[0], '/');
    base = base ? base + 1 : argv[0];
    printf("argv[0] basename=%s\n", base);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%u\n", i, argv[i], (unsigned)strlen(argv[i]));
    printf("argv[argc] is %s\n", argv[argc] == NULL ? "NULL" : "not NULL");
    static const char *const names[] = { "HDBT_TEST_VAR", "HDBT_TEST_VAR2", "HDBT_TEST_UNSET" };
    for (unsigned i = 0; i < 3; i++) {
        const char *g = getenv(names[i]);
        const char *e = find_in_envp(envp, names[i]);
        int agree = (g == NULL && e == NULL) || (g && e && strcmp(g, e) == 0);
        printf("%s=%s (envp %s)\n", names[i], g ? g : "(unset)", agree ? "agrees" : "DISAGREES");
    }
    printf("AT_PAGESZ=%lu\n", getauxval(AT_PAGESZ));
    return 0;
}
