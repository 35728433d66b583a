package io.lega.crypt4gh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.lega.crypt4gh.keys.KeyFiles;
import io.lega.crypt4gh.keys.PassphraseSupplier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI as a process: the reference tool's syntax, stdin to stdout, exit codes, one-line errors.
 */
class CliTest {
  private static final Map<String, String> NONE = Map.of();
  private static final String PASSPHRASE = "correct horse battery staple";

  @TempDir Path dir;
  private CliProcess cli;
  private byte[] plain;
  private Path plainFile;

  @BeforeEach
  void setUp() throws Exception {
    cli = new CliProcess(dir);
    plain = new byte[3 * 65536 + 1234];
    new Random(42).nextBytes(plain);
    plainFile = Files.write(dir.resolve("plain.bin"), plain);
  }

  private void keygen(String name, boolean protect) throws Exception {
    CliProcess.Result result =
        protect
            ? cli.keygen(
                Map.of("C4GH_PASSPHRASE", PASSPHRASE),
                "--sk",
                name + ".sec",
                "--pk",
                name + ".pub",
                "-C",
                name)
            : cli.keygen(NONE, "--nocrypt", "--sk", name + ".sec", "--pk", name + ".pub");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
  }

  private Path write(String name, byte[] bytes) throws Exception {
    return Files.write(dir.resolve(name), bytes);
  }

  @Test
  void keygenWritesAProtectedKeyOnlyItsOwnerCanRead() throws Exception {
    keygen("alice", true);
    Path secret = dir.resolve("alice.sec");
    assertThat(Files.readString(secret)).startsWith("-----BEGIN CRYPT4GH PRIVATE KEY-----");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)))
        .isEqualTo("rw-------");
    var key = KeyFiles.readPrivateKey(secret, PassphraseSupplier.of(PASSPHRASE));
    assertThat(key.publicKey()).isEqualTo(KeyFiles.readPublicKey(dir.resolve("alice.pub")));

    CliProcess.Result again =
        cli.keygen(Map.of("C4GH_PASSPHRASE", PASSPHRASE), "--sk", "alice.sec", "--pk", "alice.pub");
    assertThat(again.exitCode()).isEqualTo(1);
    assertThat(again.stderr()).contains("already exists").contains("-f");
  }

  @Test
  void encryptForTwoRecipientsEachDecrypts() throws Exception {
    keygen("alice", true);
    keygen("bob", false);
    keygen("mallory", false);
    CliProcess.Result encrypted =
        cli.crypt4gh(
            plainFile, NONE, "encrypt", "--recipient_pk", "alice.pub", "--recipient_pk", "bob.pub");
    assertThat(encrypted.exitCode()).as(encrypted.stderr()).isZero();
    Path c4gh = write("file.c4gh", encrypted.stdout());

    CliProcess.Result byAlice =
        cli.crypt4gh(c4gh, Map.of("C4GH_PASSPHRASE", PASSPHRASE), "decrypt", "--sk", "alice.sec");
    assertThat(byAlice.stdout()).isEqualTo(plain);
    CliProcess.Result byBob =
        cli.crypt4gh(c4gh, Map.of("C4GH_SECRET_KEY", dir.resolve("bob.sec").toString()), "decrypt");
    assertThat(byBob.exitCode()).isZero();
    assertThat(byBob.stdout()).isEqualTo(plain);
    CliProcess.Result piped =
        cli.crypt4ghPiped(encrypted.stdout(), NONE, "decrypt", "--sk", "bob.sec");
    assertThat(piped.stdout()).isEqualTo(plain);

    CliProcess.Result byMallory = cli.crypt4gh(c4gh, NONE, "decrypt", "--sk", "mallory.sec");
    assertThat(byMallory.exitCode()).isEqualTo(1);
    assertThat(byMallory.stdout()).isEmpty();
    assertThat(byMallory.stderr().lines()).hasSize(1);
    assertThat(byMallory.stderr()).contains("encrypted for another recipient");
  }

  @Test
  void senderCheckAcceptsTheWriterAndRefusesAnother() throws Exception {
    keygen("bob", false);
    keygen("sender", false);
    keygen("other", false);
    Path c4gh =
        write(
            "file.c4gh",
            cli.crypt4gh(
                    plainFile, NONE, "encrypt", "--sk", "sender.sec", "--recipient_pk", "bob.pub")
                .stdout());
    assertThat(
            cli.crypt4gh(c4gh, NONE, "decrypt", "--sk", "bob.sec", "--sender_pk", "sender.pub")
                .stdout())
        .isEqualTo(plain);
    CliProcess.Result wrongSender =
        cli.crypt4gh(c4gh, NONE, "decrypt", "--sk", "bob.sec", "--sender_pk", "other.pub");
    assertThat(wrongSender.exitCode()).isEqualTo(1);
    assertThat(wrongSender.stderr()).contains("expected sender");
  }

  @Test
  void rangesExcludeTheirEndOnFilesAndPipes() throws Exception {
    keygen("bob", false);
    byte[] c4gh = cli.crypt4gh(plainFile, NONE, "encrypt", "--recipient_pk", "bob.pub").stdout();
    Path file = write("file.c4gh", c4gh);
    for (String range : new String[] {"65535-65537", "0-1", "10-10", "65536-131072", "190000"}) {
      long start = Long.parseLong(range.split("-")[0]);
      long end = range.contains("-") ? Long.parseLong(range.split("-")[1]) : plain.length;
      byte[] expected = Arrays.copyOfRange(plain, (int) start, (int) end);
      assertThat(cli.crypt4gh(file, NONE, "decrypt", "--sk", "bob.sec", "--range", range).stdout())
          .as("file, range %s", range)
          .isEqualTo(expected);
      assertThat(
              cli.crypt4ghPiped(c4gh, NONE, "decrypt", "--sk", "bob.sec", "--range", range)
                  .stdout())
          .as("pipe, range %s", range)
          .isEqualTo(expected);
    }
    CliProcess.Result bad =
        cli.crypt4gh(file, NONE, "decrypt", "--sk", "bob.sec", "--range", "9-3");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.stderr()).contains("--range");
  }

  @Test
  void encryptARangeAndWriteTheHeaderApart() throws Exception {
    keygen("bob", false);
    CliProcess.Result result =
        cli.crypt4gh(
            plainFile,
            NONE,
            "encrypt",
            "--recipient_pk",
            "bob.pub",
            "--range",
            "100-70000",
            "--header",
            "h.bin");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    byte[] header = Files.readAllBytes(dir.resolve("h.bin"));
    assertThat(new String(header, 0, 8)).isEqualTo("crypt4gh");
    byte[] whole = new byte[header.length + result.stdout().length];
    System.arraycopy(header, 0, whole, 0, header.length);
    System.arraycopy(result.stdout(), 0, whole, header.length, result.stdout().length);
    assertThat(
            cli.crypt4gh(write("whole.c4gh", whole), NONE, "decrypt", "--sk", "bob.sec").stdout())
        .isEqualTo(Arrays.copyOfRange(plain, 100, 70000));
  }

  @Test
  void reencryptForANewRecipientWithAndWithoutTrim() throws Exception {
    keygen("alice", false);
    keygen("bob", false);
    keygen("carol", false);
    keygen("dave", false);
    Path c4gh =
        write(
            "file.c4gh",
            cli.crypt4gh(
                    plainFile,
                    NONE,
                    "encrypt",
                    "--recipient_pk",
                    "alice.pub",
                    "--recipient_pk",
                    "bob.pub")
                .stdout());
    Path kept =
        write(
            "kept.c4gh",
            cli.crypt4gh(
                    c4gh, NONE, "reencrypt", "--sk", "alice.sec", "--recipient_pk", "carol.pub")
                .stdout());
    assertThat(cli.crypt4gh(kept, NONE, "decrypt", "--sk", "carol.sec").stdout()).isEqualTo(plain);
    assertThat(cli.crypt4gh(kept, NONE, "decrypt", "--sk", "bob.sec").stdout()).isEqualTo(plain);

    Path trimmed =
        write(
            "trimmed.c4gh",
            cli.crypt4gh(
                    c4gh,
                    NONE,
                    "reencrypt",
                    "--sk",
                    "alice.sec",
                    "--recipient_pk",
                    "dave.pub",
                    "--trim")
                .stdout());
    assertThat(cli.crypt4gh(trimmed, NONE, "decrypt", "--sk", "dave.sec").stdout())
        .isEqualTo(plain);
    assertThat(cli.crypt4gh(trimmed, NONE, "decrypt", "--sk", "bob.sec").exitCode()).isEqualTo(1);
    assertThat(Files.size(trimmed)).isLessThan(Files.size(kept));

    CliProcess.Result headerOnly =
        cli.crypt4gh(
            c4gh,
            NONE,
            "reencrypt",
            "--sk",
            "alice.sec",
            "--recipient_pk",
            "dave.pub",
            "--trim",
            "--header-only");
    byte[] body =
        Arrays.copyOfRange(
            Files.readAllBytes(trimmed), headerOnly.stdout().length, (int) Files.size(trimmed));
    assertThat(Files.size(trimmed)).isEqualTo(headerOnly.stdout().length + body.length);
    assertThat(
            Arrays.copyOfRange(
                Files.readAllBytes(c4gh),
                (int) Files.size(c4gh) - body.length,
                (int) Files.size(c4gh)))
        .isEqualTo(body);
  }

  @Test
  void rearrangeKeepsOnlyTheSegmentsOfTheRange() throws Exception {
    keygen("bob", false);
    Path c4gh =
        write(
            "file.c4gh",
            cli.crypt4gh(plainFile, NONE, "encrypt", "--recipient_pk", "bob.pub").stdout());
    CliProcess.Result sliced =
        cli.crypt4gh(c4gh, NONE, "rearrange", "--sk", "bob.sec", "--range", "70000-140000");
    assertThat(sliced.exitCode()).as(sliced.stderr()).isZero();
    assertThat((long) sliced.stdout().length).isLessThan(Files.size(c4gh) - 65536);
    assertThat(
            cli.crypt4gh(write("slice.c4gh", sliced.stdout()), NONE, "decrypt", "--sk", "bob.sec")
                .stdout())
        .isEqualTo(Arrays.copyOfRange(plain, 70000, 140000));
  }

  @Test
  void userErrorsGiveOneClearLineAndANonZeroExit() throws Exception {
    keygen("alice", true);
    keygen("bob", false);
    Path c4gh =
        write(
            "file.c4gh",
            cli.crypt4gh(plainFile, NONE, "encrypt", "--recipient_pk", "alice.pub").stdout());

    CliProcess.Result wrongPassphrase =
        cli.crypt4gh(c4gh, Map.of("C4GH_PASSPHRASE", "not it"), "decrypt", "--sk", "alice.sec");
    assertThat(wrongPassphrase.exitCode()).isEqualTo(1);
    assertThat(wrongPassphrase.stderr()).contains("wrong passphrase").doesNotContain("not it");

    CliProcess.Result noTerminal = cli.crypt4gh(c4gh, NONE, "decrypt", "--sk", "alice.sec");
    assertThat(noTerminal.exitCode()).isEqualTo(1);
    assertThat(noTerminal.stderr()).contains("C4GH_PASSPHRASE");

    CliProcess.Result notCrypt4gh = cli.crypt4gh(plainFile, NONE, "decrypt", "--sk", "bob.sec");
    assertThat(notCrypt4gh.exitCode()).isEqualTo(1);
    assertThat(notCrypt4gh.stderr()).contains("not a Crypt4GH file");

    byte[] tampered = Files.readAllBytes(c4gh);
    tampered[tampered.length - 100] ^= 1;
    CliProcess.Result damaged =
        cli.crypt4gh(
            write("bad.c4gh", tampered),
            Map.of("C4GH_PASSPHRASE", PASSPHRASE),
            "decrypt",
            "--sk",
            "alice.sec");
    assertThat(damaged.exitCode()).isEqualTo(1);
    assertThat(damaged.stderr()).contains("segment 3 failed authentication");

    CliProcess.Result missingKey = cli.crypt4gh(c4gh, NONE, "decrypt", "--sk", "nope.sec");
    assertThat(missingKey.exitCode()).isEqualTo(1);
    assertThat(missingKey.stderr()).contains("nope.sec");

    CliProcess.Result unknownOption = cli.crypt4gh(c4gh, NONE, "decrypt", "--frobnicate");
    assertThat(unknownOption.exitCode()).isEqualTo(2);

    CliProcess.Result noRecipient = cli.crypt4gh(plainFile, NONE, "encrypt");
    assertThat(noRecipient.exitCode()).isEqualTo(2);
    assertThat(noRecipient.stderr()).contains("--recipient_pk");
  }
}
