package io.lega.hub.rest;

import io.lega.hub.service.PageOf;
import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing: {@code {"items": [...], "page": 0, "size": 50, "total": 123}}.
 *
 * @param items this page
 * @param page its number, from 0
 * @param size the page size
 * @param total how many items all pages hold
 */
public record PageView<T>(List<T> items, int page, int size, long total) {

  static <S, T> PageView<T> of(PageOf<S> page, Function<? super S, ? extends T> view) {
    return new PageView<>(
        page.items().stream().<T>map(view).toList(), page.page(), page.size(), page.total());
  }
}
