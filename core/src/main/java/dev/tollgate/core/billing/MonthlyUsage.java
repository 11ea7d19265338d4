package dev.tollgate.core.billing;

import java.time.YearMonth;
import java.util.List;

/** A month's calls of a project from the ledger, per API, method and status. */
public interface MonthlyUsage {
    record Calls(String api, String method, int status, long calls) {}

    List<Calls> of(String projectId, YearMonth month);
}
