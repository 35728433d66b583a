package io.lega.node.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lega.contracts.MalformedMessageException;
import io.lega.node.store.model.FileEntity;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboxPathsTest {

  private static FileEntity file(String user, String inboxPath) {
    FileEntity file = new FileEntity();
    file.id = UUID.randomUUID();
    file.submissionUser = user;
    file.inboxPath = inboxPath;
    return file;
  }

  @Test
  void leadingSlashesDoNotMatter() {
    assertThat(InboxPaths.stripSlashes("//a/b.c4gh")).isEqualTo("a/b.c4gh");
    assertThat(InboxPaths.stripSlashes(null)).isEmpty();
    assertThat(InboxPaths.objectName("alice", "/a/b.c4gh")).isEqualTo("alice/a/b.c4gh");
    assertThat(InboxPaths.sameFile(file("alice", "a/b.c4gh"), "alice", "/a/b.c4gh")).isTrue();
  }

  @Test
  void aMessageNamingAnotherFileIsMalformed() {
    FileEntity known = file("alice", "a/b.c4gh");

    assertThat(InboxPaths.sameFile(known, "bob", "a/b.c4gh")).isFalse();
    assertThatThrownBy(() -> InboxPaths.requireSameFile(known, "alice", "a/other.c4gh"))
        .isInstanceOf(MalformedMessageException.class)
        .hasMessageContaining("a/other.c4gh of alice")
        .hasMessageContaining(known.id.toString());
  }
}
