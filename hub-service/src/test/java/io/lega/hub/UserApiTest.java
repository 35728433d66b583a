package io.lega.hub;

import static io.lega.hub.testing.Http.ADMIN;
import static io.lega.hub.testing.Http.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.lega.hub.testing.Http;
import io.lega.hub.testing.Http.Answer;
import io.lega.hub.testing.SshKeys;
import io.lega.testsupport.quarkus.AmqpBrokerResource;
import io.lega.testsupport.quarkus.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.OpenBSDBCrypt;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user directory's REST API, as an administrator and an inbox use it. */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AmqpBrokerResource.class)
class UserApiTest {

  @TestHTTPResource("/")
  URI base;

  @Inject AgroalDataSource database;

  @TempDir Path keys;

  private Http http;

  @BeforeEach
  void client() {
    http = new Http(base);
  }

  /** A username no other test uses. */
  private static String fresh(String prefix) {
    return prefix + "_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static Map<String, Object> user(
      String username, String password, List<String> sshKeys, List<String> roles) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", username);
    body.put("email", username + "@example.org");
    if (password != null) {
      body.put("password", password);
    }
    body.put("ssh_public_keys", sshKeys);
    body.put("roles", roles);
    return body;
  }

  private JsonNode create(Map<String, Object> body) {
    Answer answer = http.post("/api/users", ADMIN, body);
    assertThat(answer.status()).as(answer.text()).isEqualTo(201);
    return answer.json();
  }

  @Test
  void createsAUserAndShowsItWithoutThePassword() throws Exception {
    String name = fresh("alice");
    SshKeys.Generated key = SshKeys.generate(keys, "ed25519", null, name + "@laptop");

    Answer created =
        http.post(
            "/api/users",
            ADMIN,
            user(name, "correct horse battery", List.of(key.line()), List.of("submitter")));

    assertThat(created.status()).as(created.text()).isEqualTo(201);
    assertThat(created.location()).endsWith("/api/users/" + name);
    JsonNode json = created.json();
    assertThat(json.get("username").asText()).isEqualTo(name);
    assertThat(json.get("email").asText()).isEqualTo(name + "@example.org");
    assertThat(json.get("enabled").asBoolean()).isTrue();
    assertThat(json.get("has_password").asBoolean()).isTrue();
    assertThat(texts(json.get("roles"))).containsExactly("submitter");
    assertThat(texts(json.get("ssh_public_keys"))).containsExactly(key.line());
    assertThat(texts(json.get("ssh_key_fingerprints"))).containsExactly(key.fingerprint());
    assertThat(json.has("password_hash")).isFalse();
    assertThat(json.has("password")).isFalse();
    assertThat(created.text()).doesNotContain("correct horse battery");

    Answer read = http.get("/api/users/" + name, ADMIN);
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json()).isEqualTo(json);
  }

  @Test
  void storesThePasswordOnlyAsABcryptHash() throws Exception {
    String name = fresh("bob");
    create(user(name, "s3cret-passphrase", List.of(), List.of("submitter")));

    Map<String, Object> row = row("SELECT * FROM users WHERE username = ?", name);
    String hash = (String) row.get("password_hash");
    assertThat(hash).startsWith("$2b$04$").hasSize(60);
    assertThat(OpenBSDBCrypt.checkPassword(hash, "s3cret-passphrase".toCharArray())).isTrue();
    assertThat(OpenBSDBCrypt.checkPassword(hash, "s3cret-passphrasE".toCharArray())).isFalse();
    assertThat(row.values()).noneMatch(v -> String.valueOf(v).contains("s3cret-passphrase"));

    // a new password gets a new hash; leaving it out keeps the old one
    Answer changed = http.patch("/api/users/" + name, ADMIN, Map.of("password", "another-one-9"));
    assertThat(changed.status()).as(changed.text()).isEqualTo(200);
    String second =
        (String) row("SELECT * FROM users WHERE username = ?", name).get("password_hash");
    assertThat(second).isNotEqualTo(hash);
    assertThat(OpenBSDBCrypt.checkPassword(second, "another-one-9".toCharArray())).isTrue();
    http.patch("/api/users/" + name, ADMIN, Map.of("email", "bob@example.com"));
    assertThat(row("SELECT * FROM users WHERE username = ?", name).get("password_hash"))
        .isEqualTo(second);
  }

  @Test
  void storesEveryKeyTypeWithItsFingerprint() throws Exception {
    String name = fresh("carol");
    List<SshKeys.Generated> generated =
        List.of(
            SshKeys.generate(keys, "ed25519", null, "carol@a"),
            SshKeys.generate(keys, "rsa", 3072, "carol@b"),
            SshKeys.generate(keys, "ecdsa", 256, "carol@c"),
            SshKeys.generate(keys, "ecdsa", 384, "carol@d"),
            SshKeys.generate(keys, "ecdsa", 521, "carol@e"));
    JsonNode json =
        create(
            user(name, null, generated.stream().map(SshKeys.Generated::line).toList(), List.of()));

    assertThat(texts(json.get("ssh_public_keys")))
        .containsExactlyElementsOf(generated.stream().map(SshKeys.Generated::line).toList());
    assertThat(texts(json.get("ssh_key_fingerprints")))
        .containsExactlyElementsOf(generated.stream().map(SshKeys.Generated::fingerprint).toList());
    assertThat(json.get("has_password").asBoolean()).isFalse();
    assertThat(
            rows(
                "SELECT key_type FROM user_ssh_keys k JOIN users u ON u.id = k.user_id"
                    + " WHERE u.username = ? ORDER BY k.id",
                name))
        .containsExactly(
            "ssh-ed25519",
            "ssh-rsa",
            "ecdsa-sha2-nistp256",
            "ecdsa-sha2-nistp384",
            "ecdsa-sha2-nistp521");
  }

  @Test
  void refusesInvalidInputWithAClearMessage() throws Exception {
    SshKeys.Generated key = SshKeys.generate(keys, "ed25519", null, "x");
    String name = fresh("dave");

    assertThat(bad(user("Dave", null, List.of(), List.of()))).contains("username");
    assertThat(bad(user("9lives", null, List.of(), List.of()))).contains("username");
    assertThat(bad(user("a".repeat(65), null, List.of(), List.of()))).contains("username");
    Map<String, Object> noName = user(name, null, List.of(), List.of());
    noName.remove("username");
    assertThat(bad(noName)).contains("username is required");
    Map<String, Object> badEmail = user(name, null, List.of(), List.of());
    badEmail.put("email", "not an address");
    assertThat(bad(badEmail)).contains("email");
    assertThat(bad(user(name, null, List.of(), List.of("superuser"))))
        .contains("unknown role 'superuser'");
    assertThat(bad(user(name, "short", List.of(), List.of()))).contains("at least 10 characters");
    assertThat(bad(user(name, "x".repeat(73), List.of(), List.of()))).contains("72 bytes");
    assertThat(bad(user(name, null, List.of("ssh-ed25519 AAAA!!!notbase64"), List.of())))
        .contains("ssh_public_keys[0]")
        .contains("base64");
    assertThat(bad(user(name, null, List.of(key.line(), "hello world"), List.of())))
        .contains("ssh_public_keys[1]")
        .contains("unsupported SSH key type");
    assertThat(bad(user(name, null, List.of(key.line(), key.line()), List.of())))
        .contains("same key");
    Map<String, Object> unknownField = user(name, null, List.of(), List.of());
    unknownField.put("sshkeys", List.of());
    assertThat(bad(unknownField)).isEqualTo("unknown field 'sshkeys' in the request body");
    Map<String, Object> wrongType = user(name, null, List.of(), List.of());
    wrongType.put("roles", "submitter");
    assertThat(bad(wrongType)).contains("roles");
    assertThat(badText("{\"username\": ")).isEqualTo("the request body is not valid JSON");
    assertThat(badText("")).contains("required");

    // nothing of the above was stored
    assertThat(http.get("/api/users/" + name, ADMIN).status()).isEqualTo(404);
  }

  private String bad(Map<String, Object> body) {
    Answer answer = http.post("/api/users", ADMIN, body);
    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    return answer.error();
  }

  private String badText(String body) {
    Answer answer = http.send("POST", "/api/users", ADMIN, body);
    assertThat(answer.status()).as(answer.text()).isEqualTo(400);
    return answer.error();
  }

  @Test
  void refusesATakenUsername() {
    String name = fresh("erin");
    create(user(name, null, List.of(), List.of()));
    http.post("/api/users/" + name + "/disable", ADMIN, null);

    Answer again = http.post("/api/users", ADMIN, user(name, null, List.of(), List.of()));

    assertThat(again.status()).isEqualTo(409);
    assertThat(again.error()).contains(name).contains("exists already");
  }

  @Test
  void oneOfConcurrentRegistrationsOfANameWins() throws Exception {
    String name = fresh("twin");
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<Integer>> answers = new ArrayList<>();
      for (int i = 0; i < 6; i++) {
        answers.add(
            pool.submit(
                () ->
                    http.post("/api/users", ADMIN, user(name, null, List.of(), List.of()))
                        .status()));
      }
      List<Integer> statuses = new ArrayList<>();
      for (Future<Integer> answer : answers) {
        statuses.add(answer.get(60, TimeUnit.SECONDS));
      }
      assertThat(statuses).containsOnly(201, 409).containsOnlyOnce(201);
    } finally {
      pool.shutdownNow();
    }
    assertThat(rows("SELECT username FROM users WHERE username = ?", name)).hasSize(1);
  }

  @Test
  void answersUnknownUsersWith404() {
    Answer answer =
        http.get("/api/users/nobody_" + UUID.randomUUID().toString().substring(0, 8), ADMIN);
    assertThat(answer.status()).isEqualTo(404);
    assertThat(answer.error()).startsWith("no user called");
    assertThat(http.patch("/api/users/nobody_x1", ADMIN, Map.of("email", "a@b.org")).status())
        .isEqualTo(404);
    assertThat(http.post("/api/users/nobody_x1/disable", ADMIN, null).status()).isEqualTo(404);
    assertThat(http.get("/api/no-such-endpoint", ADMIN).status()).isEqualTo(404);
  }

  @Test
  void needsAValidToken() {
    String name = fresh("frank");
    create(user(name, null, List.of(), List.of()));

    for (String token : new String[] {null, "wrong-token-0123456789", ADMIN + "x", ""}) {
      for (Answer answer :
          List.of(
              http.get("/api/users", token),
              http.get("/api/users/" + name, token),
              http.post("/api/users", token, user(fresh("g"), null, List.of(), List.of())),
              http.get("/api/submissions/" + UUID.randomUUID(), token))) {
        assertThat(answer.status()).as("token %s: %s", token, answer.text()).isEqualTo(401);
        assertThat(answer.wwwAuthenticate()).startsWith("Bearer");
        assertThat(answer.error()).contains("bearer token");
      }
    }
    Answer basic = http.send("GET", "/api/users", null, null); // no header at all
    assertThat(basic.status()).isEqualTo(401);

    // the service token reads single users only
    assertThat(http.get("/api/users", SERVICE).status()).isEqualTo(403);
    assertThat(
            http.post("/api/users", SERVICE, user(fresh("h"), null, List.of(), List.of())).status())
        .isEqualTo(403);
    assertThat(http.post("/api/users/" + name + "/disable", SERVICE, null).status()).isEqualTo(403);
    assertThat(http.get("/api/users/" + name + "/submissions", SERVICE).status()).isEqualTo(403);
    assertThat(http.get("/api/users/" + name, SERVICE).status()).isEqualTo(200);
  }

  @Test
  void listsUsersPageByPage() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      names.add(fresh("list" + i));
      create(user(names.get(i), null, List.of(), List.of()));
    }

    JsonNode first = http.get("/api/users?page=0&size=2", ADMIN).json();
    assertThat(first.get("items")).hasSize(2);
    assertThat(first.get("page").asInt()).isZero();
    assertThat(first.get("size").asInt()).isEqualTo(2);
    long total = first.get("total").asLong();
    assertThat(total).isGreaterThanOrEqualTo(3);

    List<String> all = new ArrayList<>();
    for (int page = 0; page * 2L < total; page++) {
      JsonNode json = http.get("/api/users?page=" + page + "&size=2", ADMIN).json();
      json.get("items").forEach(u -> all.add(u.get("username").asText()));
      json.get("items").forEach(u -> assertThat(u.has("password_hash")).isFalse());
    }
    assertThat(all).hasSize((int) total).containsAll(names).isSorted().doesNotHaveDuplicates();

    assertThat(http.get("/api/users?size=0", ADMIN).status()).isEqualTo(400);
    assertThat(http.get("/api/users?size=501", ADMIN).status()).isEqualTo(400);
    assertThat(http.get("/api/users?page=-1", ADMIN).error()).contains("page");
    assertThat(http.get("/api/users?page=abc", ADMIN).error())
        .isEqualTo("page must be a whole number");
    assertThat(http.get("/api/users?page=99999999&size=500", ADMIN).status()).isEqualTo(400);
  }

  @Test
  void replacesAndPatchesAUser() throws Exception {
    String name = fresh("grace");
    SshKeys.Generated first = SshKeys.generate(keys, "ed25519", null, "first");
    SshKeys.Generated second = SshKeys.generate(keys, "ecdsa", 256, "second");
    create(user(name, null, List.of(first.line()), List.of("submitter")));

    Answer incomplete = http.put("/api/users/" + name, ADMIN, Map.of("email", "g@example.org"));
    assertThat(incomplete.status()).isEqualTo(400);
    assertThat(incomplete.error()).contains("PUT replaces the user");

    Answer replaced =
        http.put(
            "/api/users/" + name,
            ADMIN,
            Map.of(
                "email", "grace@example.com",
                "ssh_public_keys", List.of(second.line(), first.line()),
                "roles", List.of("researcher", "dac")));
    assertThat(replaced.status()).as(replaced.text()).isEqualTo(200);
    JsonNode json = replaced.json();
    assertThat(json.get("email").asText()).isEqualTo("grace@example.com");
    assertThat(texts(json.get("roles"))).containsExactly("researcher", "dac");
    // the key kept stays first (keys are listed in the order they were added)
    assertThat(texts(json.get("ssh_key_fingerprints")))
        .containsExactly(first.fingerprint(), second.fingerprint());

    JsonNode patched =
        http.patch("/api/users/" + name, ADMIN, Map.of("ssh_public_keys", List.of(second.line())))
            .json();
    assertThat(texts(patched.get("ssh_public_keys"))).containsExactly(second.line());
    assertThat(patched.get("email").asText()).isEqualTo("grace@example.com");
    assertThat(texts(patched.get("roles"))).containsExactly("researcher", "dac");
    assertThat(
            rows(
                "SELECT fingerprint FROM user_ssh_keys k JOIN users u ON u.id = k.user_id"
                    + " WHERE u.username = ?",
                name))
        .containsExactly(second.fingerprint());

    JsonNode emptied =
        http.patch(
                "/api/users/" + name,
                ADMIN,
                Map.of("roles", List.of(), "ssh_public_keys", List.of()))
            .json();
    assertThat(emptied.get("roles")).isEmpty();
    assertThat(emptied.get("ssh_public_keys")).isEmpty();

    Answer bad = http.patch("/api/users/" + name, ADMIN, Map.of("email", " "));
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.error()).contains("email");
    Answer username = http.patch("/api/users/" + name, ADMIN, Map.of("username", "other"));
    assertThat(username.status()).isEqualTo(400);
  }

  @Test
  void disablesButNeverDeletes() throws Exception {
    String name = fresh("heidi");
    create(user(name, "a-fine-password", List.of(), List.of("submitter")));

    Answer disabled = http.post("/api/users/" + name + "/disable", ADMIN, null);
    assertThat(disabled.status()).isEqualTo(200);
    assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
    assertThat(http.get("/api/users/" + name, ADMIN).json().get("enabled").asBoolean()).isFalse();
    assertThat(http.get("/api/users/" + name, SERVICE).json().get("enabled").asBoolean()).isFalse();

    assertThat(
            http.post("/api/users/" + name + "/enable", ADMIN, null)
                .json()
                .get("enabled")
                .asBoolean())
        .isTrue();
    Answer deleted = http.delete("/api/users/" + name, ADMIN);
    assertThat(deleted.status()).isEqualTo(200);
    assertThat(deleted.json().get("enabled").asBoolean()).isFalse();
    assertThat(http.get("/api/users/" + name, ADMIN).status()).isEqualTo(200);
    assertThat(row("SELECT enabled FROM users WHERE username = ?", name).get("enabled"))
        .isEqualTo(false);

    assertThat(
            http.patch("/api/users/" + name, ADMIN, Map.of("enabled", true))
                .json()
                .get("enabled")
                .asBoolean())
        .isTrue();
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(e -> out.add(e.asText()));
    return out;
  }

  private Map<String, Object> row(String sql, String parameter) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      try (ResultSet rs = statement.executeQuery()) {
        assertThat(rs.next()).as("a row for %s", parameter).isTrue();
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          row.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        return row;
      }
    }
  }

  private List<String> rows(String sql, String parameter) throws SQLException {
    try (Connection connection = database.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, parameter);
      List<String> out = new ArrayList<>();
      try (ResultSet rs = statement.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    }
  }
}
