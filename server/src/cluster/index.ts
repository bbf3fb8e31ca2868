// The simulated cluster (see ../../../ARCHITECTURE.md).
export {};
