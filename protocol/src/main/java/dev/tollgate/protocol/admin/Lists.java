package dev.tollgate.protocol.admin;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Immutable copies of list members; a missing list reads as empty, as the admin API writes it. */
final class Lists {
    private Lists() {}

    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : Collections.unmodifiableList(new ArrayList<>(list));
    }
}
