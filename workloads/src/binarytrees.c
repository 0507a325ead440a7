/* binarytrees: allocate and walk many perfect binary trees with
 * malloc/free (allocator-heavy, pointer chasing, recursion).
 * usage: binarytrees MAXDEPTH
 *   Builds a stretch tree of depth MAXDEPTH+1, a long-lived tree of depth
 *   MAXDEPTH, and for depths 4,6,...,MAXDEPTH builds 2^(MAXDEPTH-d+4)
 *   short-lived trees, printing node-count checks. Each node also carries a
 *   value so that a weighted checksum can be verified.
 * Written for hdbt bench. Integer only. */
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>

typedef struct node {
    struct node *left, *right;
    int32_t value;
} node;

static node *make(int depth, int32_t value)
{
    node *n = malloc(sizeof *n);
    if (!n) { printf("out of memory\n"); exit(1); }
    n->value = value;
    if (depth > 0) {
        n->left = make(depth - 1, 2 * value - 1);
        n->right = make(depth - 1, 2 * value);
    } else {
        n->left = n->right = NULL;
    }
    return n;
}

static uint32_t count(const node *n)
{
    if (!n->left) return 1;
    return 1 + count(n->left) + count(n->right);
}

static uint32_t check(const node *n)
{
    if (!n->left) return (uint32_t)n->value;
    uint32_t h = (uint32_t)n->value * 31u + check(n->left);
    return (h * 17u) ^ check(n->right);
}

static void release(node *n)
{
    if (n->left) { release(n->left); release(n->right); }
    free(n);
}

int main(int argc, char **argv)
{
    int maxdepth = argc > 1 ? atoi(argv[1]) : 10;
    const int mindepth = 4;
    if (maxdepth < mindepth + 2) maxdepth = mindepth + 2;

    node *stretch = make(maxdepth + 1, 0);
    printf("stretch tree of depth %d\t nodes: %u\t check: %08x\n",
           maxdepth + 1, count(stretch), check(stretch));
    release(stretch);

    node *longlived = make(maxdepth, 0);
    uint32_t grand = 0;
    for (int d = mindepth; d <= maxdepth; d += 2) {
        uint32_t iterations = 1u << (maxdepth - d + mindepth);
        uint32_t nodes = 0;
        uint32_t chk = 0;
        for (uint32_t i = 1; i <= iterations; i++) {
            node *a = make(d, (int32_t)i);
            node *b = make(d, -(int32_t)i);
            nodes += count(a) + count(b);
            chk = chk * 7u + (check(a) ^ check(b));
            release(a);
            release(b);
        }
        grand += nodes ^ chk;
        printf("%u\t trees of depth %d\t nodes: %u\t check: %08x\n", iterations * 2, d, nodes, chk);
    }
    printf("long lived tree of depth %d\t nodes: %u\t check: %08x\n",
           maxdepth, count(longlived), check(longlived));
    release(longlived);
    printf("grand %08x\n", grand);
    return 0;
}
