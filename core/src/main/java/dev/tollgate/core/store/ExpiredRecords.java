package dev.tollgate.core.store;

import java.time.Instant;

/** Removes records whose life ended before a moment: codes, device requests, access tokens, sessions, mailed links. */
public interface ExpiredRecords {
    /** @return how many records were removed */
    int purgeExpiredBefore(Instant moment);
}
