package dev.tollgate.server.console;

import java.util.List;

/**
 * One page of a list of more than {@value #SIZE} items, from {@code ?page=N} (1-based; another
 * parameter where a page has several lists); a page number out of range shows the nearest page.
 *
 * @param path  the list's address, to which the pager adds {@code ?PARAM=N}
 * @param param the query parameter that holds this list's page number
 */
public record Paging<T>(List<T> items, int page, int pages, int total, String path, String param) {
    static final int SIZE = 50;

    static <T> Paging<T> of(List<T> all, String pageParam, String path) {
        return of(all, pageParam, path, "page");
    }

    static <T> Paging<T> of(List<T> all, String pageParam, String path, String param) {
        int pages = Math.max(1, (all.size() + SIZE - 1) / SIZE);
        int page = 1;
        if (pageParam != null && pageParam.matches("[0-9]{1,6}")) {
            page = Math.min(Math.max(1, Integer.parseInt(pageParam)), pages);
        }
        int from = (page - 1) * SIZE;
        return new Paging<>(all.subList(from, Math.min(all.size(), from + SIZE)), page, pages, all.size(), path, param);
    }

    public boolean hasPrevious() { return page > 1; }

    public boolean hasNext() { return page < pages; }
}
