// Kubernetes primitives shared by manifests/ and cluster/ (quantities, label selectors, int-or-percent).
export {};
