package io.lega.hub.service;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a listing.
 *
 * @param items the page's items
 * @param page the page number, from 0
 * @param size the page size asked for
 * @param total how many items there are on all pages
 */
public record PageOf<T>(List<T> items, int page, int size, long total) {

  /** The same page with each item mapped. */
  public <R> PageOf<R> map(Function<? super T, ? extends R> mapper) {
    return new PageOf<>(items.stream().<R>map(mapper).toList(), page, size, total);
  }
}
