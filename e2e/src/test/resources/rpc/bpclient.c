/*
 * A bootparams client for the e2e tests, on stubs rpcgen makes from the system's
 * /usr/include/rpcsvc/bootparam_prot.x (Debian ships no callbootd). Independent of the appliance's codec.
 *
 *   bpclient HOST udp|tcp whoami IP          WHOAMI through HOST's portmapper (clnt_create)
 *   bpclient HOST udp|tcp getfile NAME KEY   GETFILE
 *   bpclient - udp bcast IP WAIT_MS          WHOAMI broadcast through every portmapper's CALLIT (rpc_broadcast_exp),
 *                                            every answer within WAIT_MS printed
 *
 * Prints one line per answer: "whoami NAME DOMAIN ROUTER", "getfile SERVER ADDRESS PATH",
 * "bcast FROM PORT NAME DOMAIN ROUTER"; exit status 0 on an answer, 2 on no answer (timeout), 1 on usage errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <rpc/rpc.h>
#include "bootparam_prot.h"

static void address_text(bp_address *a, char *out, size_t len) {
    ip_addr_t *ip = &a->bp_address_u.ip_addr;
    snprintf(out, len, "%u.%u.%u.%u", (unsigned char) ip->net, (unsigned char) ip->host,
             (unsigned char) ip->lh, (unsigned char) ip->impno);
}

static int to_bp_address(const char *text, bp_address *a) {
    struct in_addr in;
    if (inet_pton(AF_INET, text, &in) != 1) {
        return -1;
    }
    unsigned char *b = (unsigned char *) &in.s_addr;
    a->address_type = IP_ADDR_TYPE;
    a->bp_address_u.ip_addr.net = b[0];
    a->bp_address_u.ip_addr.host = b[1];
    a->bp_address_u.ip_addr.lh = b[2];
    a->bp_address_u.ip_addr.impno = b[3];
    return 0;
}

static int answers;

static bool_t each_whoami(caddr_t out, struct netbuf *from, struct netconfig *nconf) {
    bp_whoami_res *res = (bp_whoami_res *) out;
    char router[32];
    char peer[INET6_ADDRSTRLEN] = "?";
    unsigned port = 0;
    struct sockaddr_in *sin = (struct sockaddr_in *) from->buf;
    if (sin != NULL && sin->sin_family == AF_INET) {
        inet_ntop(AF_INET, &sin->sin_addr, peer, sizeof peer);
        port = ntohs(sin->sin_port); /* libtirpc puts the port from the CALLIT reply here: the real service's */
    }
    address_text(&res->router_address, router, sizeof router);
    printf("bcast %s %u %s %s %s\n", peer, port, res->client_name, res->domain_name, router);
    fflush(stdout);
    answers++;
    return FALSE; /* keep listening: the test wants to see who answers, not only the first */
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: see the source\n");
        return 1;
    }
    const char *host = argv[1], *proto = argv[2], *what = argv[3];
    if (strcmp(what, "bcast") == 0 && argc == 6) {
        bp_whoami_arg arg;
        bp_whoami_res res;
        if (to_bp_address(argv[4], &arg.client_address) != 0) {
            return 1;
        }
        memset(&res, 0, sizeof res);
        int wait = atoi(argv[5]);
        enum clnt_stat st = rpc_broadcast_exp(BOOTPARAMPROG, BOOTPARAMVERS, BOOTPARAMPROC_WHOAMI,
                (xdrproc_t) xdr_bp_whoami_arg, (caddr_t) &arg, (xdrproc_t) xdr_bp_whoami_res, (caddr_t) &res,
                (resultproc_t) each_whoami, 500, wait, "udp");
        if (answers == 0) {
            fprintf(stderr, "broadcast: %s\n", clnt_sperrno(st));
            return 2;
        }
        return 0;
    }
    CLIENT *c = clnt_create(host, BOOTPARAMPROG, BOOTPARAMVERS, proto);
    if (c == NULL) {
        fprintf(stderr, "%s\n", clnt_spcreateerror(host));
        return 2;
    }
    struct timeval tv = {2, 0};
    clnt_control(c, CLSET_TIMEOUT, (char *) &tv);
    if (strcmp(what, "whoami") == 0 && argc == 5) {
        bp_whoami_arg arg;
        if (to_bp_address(argv[4], &arg.client_address) != 0) {
            return 1;
        }
        bp_whoami_res *res = bootparamproc_whoami_1(&arg, c);
        if (res == NULL) {
            fprintf(stderr, "%s\n", clnt_sperror(c, "whoami"));
            return 2;
        }
        char router[32];
        address_text(&res->router_address, router, sizeof router);
        printf("whoami %s %s %s\n", res->client_name, res->domain_name, router);
        return 0;
    }
    if (strcmp(what, "getfile") == 0 && argc == 6) {
        bp_getfile_arg arg = {argv[4], argv[5]};
        bp_getfile_res *res = bootparamproc_getfile_1(&arg, c);
        if (res == NULL) {
            fprintf(stderr, "%s\n", clnt_sperror(c, "getfile"));
            return 2;
        }
        char address[32];
        address_text(&res->server_address, address, sizeof address);
        printf("getfile '%s' %s '%s'\n", res->server_name, address, res->server_path);
        return 0;
    }
    fprintf(stderr, "usage: see the source\n");
    return 1;
}
