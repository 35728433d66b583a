package io.lega.download.info;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * GA4GH service-info 1.0, at {@code /service-info} and DRS's {@code /ga4gh/drs/v1/service-info}.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceInfoResource {

  private final ServiceInfo info;

  public ServiceInfoResource(
      @ConfigProperty(name = "quarkus.application.name") String name,
      @ConfigProperty(name = "quarkus.application.version", defaultValue = "0.1.0")
          String version) {
    this.info =
        new ServiceInfo(
            "io.lega." + name,
            "LEGA download service",
            new Type("org.ga4gh", "drs", "1.2.0"),
            "Streams the files of released datasets to researchers with a GA4GH Passport,"
                + " Crypt4GH-encrypted for their own key, whole or by plaintext ranges",
            new Organization("LEGA", "https://github.com/lega"),
            version);
  }

  @GET
  @Path("service-info")
  public ServiceInfo serviceInfo() {
    return info;
  }

  @GET
  @Path("ga4gh/drs/v1/service-info")
  public ServiceInfo drsServiceInfo() {
    return info;
  }

  /** The document. */
  public record ServiceInfo(
      String id,
      String name,
      Type type,
      String description,
      Organization organization,
      String version) {}

  /** The artifact this service implements. */
  public record Type(String group, String artifact, String version) {}

  /** Who runs it. */
  public record Organization(String name, @JsonProperty("url") String url) {}
}
