/*
 * Load generator for bench/bootparams.sh: GETFILE calls over UDP to one bootparamd port, one outstanding call
 * at a time (what a booting client does), for a fixed time; prints the number of answered calls.
 * The stubs come from rpcgen -C of the system's /usr/include/rpcsvc/bootparam_prot.x.
 *
 *   bootparams-load IP PORT SECONDS CLIENT KEY
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <arpa/inet.h>
#include <rpc/rpc.h>
#include "bootparam_prot.h"

int main(int argc, char **argv) {
    if (argc != 6) {
        fprintf(stderr, "usage: %s IP PORT SECONDS CLIENT KEY\n", argv[0]);
        return 1;
    }
    struct sockaddr_in addr;
    memset(&addr, 0, sizeof addr);
    addr.sin_family = AF_INET;
    addr.sin_port = htons((unsigned short) atoi(argv[2]));
    if (inet_pton(AF_INET, argv[1], &addr.sin_addr) != 1) {
        return 1;
    }
    int sock = RPC_ANYSOCK;
    struct timeval retry = {1, 0};
    /* the port is given: no portmapper in the measurement */
    CLIENT *c = clntudp_create(&addr, BOOTPARAMPROG, BOOTPARAMVERS, retry, &sock);
    if (c == NULL) {
        fprintf(stderr, "%s\n", clnt_spcreateerror(argv[1]));
        return 2;
    }
    struct timeval total = {2, 0};
    clnt_control(c, CLSET_TIMEOUT, (char *) &total);
    bp_getfile_arg arg = {argv[4], argv[5]};
    struct timespec start, now;
    clock_gettime(CLOCK_MONOTONIC, &start);
    double seconds = atof(argv[3]);
    long answered = 0, failed = 0;
    do {
        bp_getfile_res res;
        memset(&res, 0, sizeof res);
        if (clnt_call(c, BOOTPARAMPROC_GETFILE, (xdrproc_t) xdr_bp_getfile_arg, (caddr_t) &arg,
                      (xdrproc_t) xdr_bp_getfile_res, (caddr_t) &res, total) == RPC_SUCCESS) {
            answered++;
            clnt_freeres(c, (xdrproc_t) xdr_bp_getfile_res, (caddr_t) &res);
        } else {
            failed++;
        }
        clock_gettime(CLOCK_MONOTONIC, &now);
    } while ((now.tv_sec - start.tv_sec) + (now.tv_nsec - start.tv_nsec) / 1e9 < seconds);
    printf("%ld %ld\n", answered, failed);
    return 0;
}
