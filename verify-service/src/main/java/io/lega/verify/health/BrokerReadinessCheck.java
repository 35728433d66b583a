package io.lega.verify.health;

import io.lega.node.worker.NodeWorkerReadiness;
import io.lega.verify.VerifyService;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.health.Readiness;

/** Ready while the broker connection is open and the {@code archived} consumer runs. */
@Readiness
@Singleton
public class BrokerReadinessCheck extends NodeWorkerReadiness {

  /** The check of the service's broker side. */
  public BrokerReadinessCheck(VerifyService service) {
    super(service::broker, VerifyService.ARCHIVED_QUEUE);
  }
}
