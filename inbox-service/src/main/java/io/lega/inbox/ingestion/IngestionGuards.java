package io.lega.inbox.ingestion;

import io.lega.inbox.config.InboxConfig;
import io.quarkus.arc.InjectableInstance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Produces the application's {@link IngestionGuard}, as {@code lega.inbox.ingestion-guard} says:
 * {@code memory} (the default) an {@link InMemoryIngestionGuard}, with no datasource needed (leave
 * {@code quarkus.datasource.jdbc.url} unset: the datasource is then inactive); {@code database} a
 * {@link DatabaseIngestionGuard} on the default datasource ({@code quarkus.datasource.*}, the node
 * database). The datasource is looked up only then, so a missing one stops the start only then.
 */
@Singleton
public class IngestionGuards {

  private static final Logger LOG = Logger.getLogger(IngestionGuards.class);

  @Produces
  @Singleton
  IngestionGuard guard(InboxConfig config, InjectableInstance<DataSource> dataSource) {
    return switch (config.ingestionGuard()) {
      case MEMORY -> {
        LOG.info(
            "lega.inbox.ingestion-guard=memory: nothing tells the inbox which files are being"
                + " ingested; they can be overwritten, renamed or removed meanwhile");
        yield new InMemoryIngestionGuard();
      }
      case DATABASE -> {
        DataSource node;
        try {
          node = dataSource.getActive(); // an inactive one (no URL) throws here, at start
        } catch (RuntimeException e) {
          throw new IllegalStateException(
              "lega.inbox.ingestion-guard=database needs the node database: set"
                  + " quarkus.datasource.jdbc.url, username and password ("
                  + e.getMessage()
                  + ")",
              e);
        }
        LOG.infof(
            "files being ingested (state submitted) are read from the node database; a check"
                + " that fails or takes over %s refuses the operation",
            config.ingestionGuardTimeout());
        yield new DatabaseIngestionGuard(node, config.ingestionGuardTimeout());
      }
    };
  }
}
