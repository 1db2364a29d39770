package net.diskless.dhcp.internal.server;

/** Names for PXE client system architectures (option 93; RFC 4578 and the IANA registry). */
public final class Architectures {

    private Architectures() {
    }

    public static String name(int type) {
        return switch (type) {
            case 0 -> "x86-bios";
            case 1 -> "nec-pc98";
            case 2 -> "ia64-efi";
            case 3 -> "dec-alpha";
            case 4 -> "arc-x86";
            case 5 -> "intel-lean";
            case 6 -> "x86-uefi";
            case 7 -> "x64-uefi";
            case 8 -> "xscale-uefi";
            case 9 -> "x64-uefi-bc";
            case 10 -> "arm32-uefi";
            case 11 -> "arm64-uefi";
            case 15 -> "x86-uefi-http";
            case 16 -> "x64-uefi-http";
            case 18 -> "arm32-uefi-http";
            case 19 -> "arm64-uefi-http";
            case 22 -> "riscv32-uefi";
            case 25 -> "riscv64-uefi";
            default -> "arch-" + type;
        };
    }
}
