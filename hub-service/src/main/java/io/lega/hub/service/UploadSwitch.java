package io.lega.hub.service;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import java.io.IOException;

/**
 * A change of a user's {@code ingest_on_upload} in {@code PUT} / {@code PATCH}: JSON {@code true}
 * is {@link #ON}, {@code false} is {@link #OFF}, {@code null} is {@link #FOLLOW_GLOBAL}; a request
 * without the field leaves the user's setting as it is (the field is then {@code null} in {@link
 * UserChanges}). Anything else is a 400.
 */
@JsonDeserialize(using = UploadSwitch.Reader.class)
public enum UploadSwitch {
  /** ingest this user's uploads at once */
  ON(Boolean.TRUE),
  /** wait for a trigger, whatever {@code lega.hub.ingest-on-upload} says */
  OFF(Boolean.FALSE),
  /** follow {@code lega.hub.ingest-on-upload} */
  FOLLOW_GLOBAL(null);

  private final Boolean stored;

  UploadSwitch(Boolean stored) {
    this.stored = stored;
  }

  /** The value of {@code users.ingest_on_upload}: {@code true}, {@code false} or {@code null}. */
  public Boolean stored() {
    return stored;
  }

  /** Reads {@code true}, {@code false} and {@code null}; a missing field stays {@code null}. */
  public static class Reader extends JsonDeserializer<UploadSwitch> {

    @Override
    public UploadSwitch deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonToken token = parser.currentToken();
      if (token == JsonToken.VALUE_TRUE) {
        return ON;
      }
      if (token == JsonToken.VALUE_FALSE) {
        return OFF;
      }
      throw MismatchedInputException.from(
          parser, UploadSwitch.class, "ingest_on_upload must be true, false or null");
    }

    @Override
    public UploadSwitch getNullValue(DeserializationContext context) {
      return FOLLOW_GLOBAL;
    }

    @Override
    public Object getAbsentValue(DeserializationContext context) {
      return null;
    }
  }
}
