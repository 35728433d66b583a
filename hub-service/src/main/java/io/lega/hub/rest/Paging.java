package io.lega.hub.rest;

import io.lega.hub.config.HubConfig;
import io.lega.hub.service.InvalidRequestException;
import io.lega.hub.service.Text;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/** Checks the query parameters of listings: {@code page}, {@code size}, {@code state}. */
@ApplicationScoped
public class Paging {

  private final HubConfig.Api api;

  public Paging(HubConfig config) {
    this.api = config.api();
  }

  /** The page and size of a listing asked for; a 400 unless both are valid. */
  Request of(String page, String size) {
    int p = page(page);
    int s = size(size);
    checkRange(p, s);
    return new Request(p, s);
  }

  /**
   * A listing's page, checked.
   *
   * @param page the page number, from 0
   * @param size the page size
   */
  record Request(int page, int size) {}

  /** Page number from 0; none means 0. */
  private int page(String text) {
    if (text == null || text.isEmpty()) {
      return 0;
    }
    int page = number("page", text);
    if (page < 0) {
      throw new InvalidRequestException("page must be 0 or more");
    }
    return page;
  }

  /** Page size; none means the configured default. */
  private int size(String text) {
    if (text == null || text.isEmpty()) {
      return api.defaultPageSize();
    }
    int size = number("size", text);
    if (size < 1 || size > api.maxPageSize()) {
      throw new InvalidRequestException("size must be 1 to " + api.maxPageSize());
    }
    return size;
  }

  private static int number(String name, String text) {
    try {
      return Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new InvalidRequestException(name + " must be a whole number");
    }
  }

  /** Refuses a page that starts beyond what a query can address. */
  private static void checkRange(int page, int size) {
    if ((long) page * size > Integer.MAX_VALUE) {
      throw new InvalidRequestException("page " + page + " is too far for size " + size);
    }
  }

  /**
   * The state named, {@code null} for none; an unknown name is a 400.
   *
   * @param kind what the message calls it, e.g. {@code dataset state}
   * @param all every state's name, for the message
   */
  static <S> S state(String name, Function<String, Optional<S>> of, String kind, String all) {
    if (name == null || name.isEmpty()) {
      return null;
    }
    return of.apply(name)
        .orElseThrow(
            () ->
                new InvalidRequestException(
                    "unknown " + kind + " '" + Text.shorten(name) + "' (states are: " + all + ")"));
  }
}
