package dev.tollgate.server.console;

import java.util.List;

/**
 * The quotas page: per enabled API (50 a page), each limit with the calls counted in its current window.
 *
 * @param refused the API whose form was refused (shown again as typed), or ""
 * @param error   the refusal in the service's words, or ""
 */
public record Quotas(Paging<ApiQuotas> apis, String refused, String error) {

    /** One API's limits; {@code service} is also the name of its form. */
    public record ApiQuotas(String service, String title, List<Limit> limits) {}

    /**
     * One limit.
     *
     * @param used  the calls counted so far in the current window, for a limit per project; empty per user
     * @param typed what the form's field shows: the project's override, or what was typed in a refused form
     */
    public record Limit(String name, String label, String window, boolean perUser, long catalogLimit, long effectiveLimit,
                        boolean overridden, String used, String typed) {
        public String fieldId(String service) {
            return "quota-" + service + "-" + name;
        }
    }
}
