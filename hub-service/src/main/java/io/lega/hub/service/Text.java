package io.lega.hub.service;

/** How the hub quotes what a caller sent in an error message. */
public final class Text {

  private Text() {}

  /** At most 40 characters of {@code text}, {@code ...} marking a cut. */
  public static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "..." : text;
  }
}
