package io.lega.hub;

import static io.lega.hub.testing.Http.ADMIN;
import static io.lega.hub.testing.Http.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.lega.hub.testing.Http;
import io.lega.hub.testing.SshKeys;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /api/users/{username}} as the inbox service calls it: with the service token, exactly
 * the fields its {@code HubUserDirectory} reads.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
class LookupTest {

  @TestHTTPResource("/")
  URI base;

  @TempDir Path keys;

  @Test
  void theServiceTokenSeesHashAndKeysTheAdminTokenDoesNot() throws Exception {
    Http http = new Http(base);
    String name = "ivan_" + UUID.randomUUID().toString().substring(0, 8);
    SshKeys.Generated ed25519 = SshKeys.generate(keys, "ed25519", null, "ivan@laptop");
    SshKeys.Generated rsa = SshKeys.generate(keys, "rsa", 2048, "ivan@desktop");
    assertThat(
            http.post(
                    "/api/users",
                    ADMIN,
                    Map.of(
                        "username",
                        name,
                        "email",
                        "ivan@example.org",
                        "password",
                        "open sesame 42",
                        "ssh_public_keys",
                        List.of(ed25519.line(), rsa.line()),
                        "roles",
                        List.of("submitter", "researcher")))
                .status())
        .isEqualTo(201);

    JsonNode service = http.get("/api/users/" + name, SERVICE).json();

    assertThat(fieldNames(service))
        .containsExactlyInAnyOrder(
            "username", "enabled", "password_hash", "ssh_public_keys", "roles");
    assertThat(service.get("username").asText()).isEqualTo(name);
    assertThat(service.get("enabled").asBoolean()).isTrue();
    String hash = service.get("password_hash").asText();
    assertThat(hash).startsWith("$2b$");
    assertThat(OpenBSDBCrypt.checkPassword(hash, "open sesame 42".toCharArray())).isTrue();
    assertThat(texts(service.get("ssh_public_keys"))).containsExactly(ed25519.line(), rsa.line());
    assertThat(texts(service.get("roles"))).containsExactly("submitter", "researcher");

    JsonNode admin = http.get("/api/users/" + name, ADMIN).json();
    assertThat(fieldNames(admin)).doesNotContain("password_hash", "password");
    assertThat(admin.toString()).doesNotContain(hash);
    assertThat(texts(admin.get("ssh_public_keys"))).containsExactly(ed25519.line(), rsa.line());

    // disabled: still answered, so that the inbox refuses the user rather than guessing
    http.post("/api/users/" + name + "/disable", ADMIN, null);
    JsonNode disabled = http.get("/api/users/" + name, SERVICE).json();
    assertThat(disabled.get("enabled").asBoolean()).isFalse();
    assertThat(disabled.get("password_hash").asText()).isEqualTo(hash);
  }

  @Test
  void aUserWithoutPasswordHasANullHashAndUnknownUsersAre404() {
    Http http = new Http(base);
    String name = "judy_" + UUID.randomUUID().toString().substring(0, 8);
    http.post("/api/users", ADMIN, Map.of("username", name, "email", "judy@example.org"));

    JsonNode service = http.get("/api/users/" + name, SERVICE).json();
    assertThat(service.get("password_hash").isNull()).isTrue();
    assertThat(service.get("ssh_public_keys")).isEmpty();
    assertThat(service.get("roles")).isEmpty();

    Http.Answer unknown = http.get("/api/users/nobody_" + name, SERVICE);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.error()).contains("no user called");
  }

  private static List<String> fieldNames(JsonNode json) {
    List<String> names = new ArrayList<>();
    json.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }
}
