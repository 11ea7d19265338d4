package dev.tollgate.core.secret;

/** A store of secrets sealed under the master key. */
public interface SealedStore {
    /**
     * Checks that the master key opens what is stored (recording a check value on first use, so a
     * node given another key is refused even before anything is sealed), and seals what an older
     * version stored in plaintext.
     *
     * @return how many plaintext secrets it sealed
     * @throws MasterKeyException when the master key is not the one the store is sealed with
     */
    int openWithMasterKey();

    /**
     * Seals every secret under {@code newKey} instead, in one transaction: all or nothing.
     *
     * @return how many secrets were re-sealed
     * @throws MasterKeyException when the current master key does not open them
     */
    int rotateMasterKey(MasterKey newKey);
}
