package io.lega.hub.rest;

import io.lega.hub.service.InvalidRequestException;
import io.lega.hub.service.Text;
import java.util.Optional;
import java.util.function.Function;

/** The {@code ?state=} of a listing. */
final class StateParam {

  private StateParam() {}

  /**
   * The state named, {@code null} for none; an unknown name is a 400.
   *
   * @param kind what the message calls it, e.g. {@code dataset state}
   * @param all every state's name, for the message
   */
  static <S> S parse(String name, Function<String, Optional<S>> of, String kind, String all) {
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
