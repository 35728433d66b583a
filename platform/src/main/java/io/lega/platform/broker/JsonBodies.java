package io.lega.platform.broker;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lega.contracts.MalformedMessageException;
import java.io.IOException;

/** JSON parsing of message bodies for {@link MessageDecoder#jsonObject()}. */
final class JsonBodies {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonBodies() {}

  /** The body as a JSON object, or {@link MalformedMessageException}. */
  static JsonNode readObject(byte[] body) {
    JsonNode node;
    try {
      node = MAPPER.readTree(body);
    } catch (JsonProcessingException e) {
      throw new MalformedMessageException(
          "not JSON: " + e.getOriginalMessage() + " at " + location(e), e);
    } catch (IOException e) {
      throw new MalformedMessageException("not JSON: " + e.getMessage(), e);
    }
    if (node == null || node.isMissingNode()) {
      throw new MalformedMessageException("not JSON: empty body");
    }
    if (!node.isObject()) {
      throw new MalformedMessageException("not a JSON object but " + node.getNodeType());
    }
    return node;
  }

  private static String location(JsonProcessingException e) {
    return e.getLocation() == null
        ? "unknown position"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }
}
