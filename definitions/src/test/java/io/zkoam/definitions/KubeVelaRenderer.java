package io.zkoam.definitions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zkoam.api.testing.Manifests;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Writes one CUE file per case exactly as KubeVela concatenates it, and queues the cue command that reads the
 * result; {@link #run(CueEngine)} runs the queue as one batch.
 *
 * <ul>
 *   <li>component: template + {@code parameter: <properties>} + {@code context: <context>}, export {@code output};
 *   <li>trait: the same with {@code context.output} = the component's rendered output, export {@code outputs};
 *   <li>status: policy text + {@code context: <context with the live objects>} + {@code parameter}, export
 *       {@code isHealth} or {@code message};
 *   <li>bare template (the admission webhook's check): the template alone, {@code cue vet}.
 * </ul>
 * The files stay under {@code definitions/target/cue-cases/<case set>/} for reading after a failure.
 */
public final class KubeVelaRenderer {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final List<CueJob> pending = new ArrayList<>();

  public KubeVelaRenderer(String caseSet) {
    this.dir = Manifests.repositoryRoot().resolve("definitions/target/cue-cases").resolve(caseSet);
    clean(dir);
  }

  /** A component rendered with its properties (null: none given); the result is KubeVela's {@code output}. */
  public String component(String id, Definition def, JsonNode properties, KubeVelaContext ctx) {
    String text = def.template()
        + "\nparameter: " + json(properties == null ? JSON.createObjectNode() : properties)
        + "\ncontext: " + json(ctx.toJson()) + "\n";
    return queue(CueJob.export(id, write(id, text), "output"));
  }

  /** A trait rendered for a component whose rendered workload is {@code componentOutput}; the result is its outputs. */
  public String trait(String id, Definition def, JsonNode properties, KubeVelaContext ctx, JsonNode componentOutput) {
    ObjectNode context = ctx.toJson();
    context.set("output", componentOutput);
    // KubeVela leaves the parameter line out when a trait has no properties.
    String parameter = properties == null ? "" : "\nparameter: " + json(properties);
    String text = def.template() + parameter + "\ncontext: " + json(context) + "\n";
    return queue(CueJob.export(id, write(id, text), "outputs"));
  }

  /** A healthPolicy evaluated against {@code context} (which carries the live objects); the result is isHealth. */
  public String health(String id, String healthPolicy, ObjectNode context) {
    return queue(CueJob.export(id, write(id, status(healthPolicy, context)), "isHealth"));
  }

  /** A customStatus evaluated against {@code context}; the result is message. */
  public String message(String id, String customStatus, ObjectNode context) {
    return queue(CueJob.export(id, write(id, status(customStatus, context)), "message"));
  }

  /** The template alone, compiled as KubeVela's admission webhook compiles it. */
  public String bareTemplate(String id, Definition def) {
    return queue(CueJob.vet(id, write(id, def.template())));
  }

  /** Runs every queued case in one Node process and empties the queue. */
  public Map<String, CueResult> run(CueEngine engine) {
    List<CueJob> jobs = List.copyOf(pending);
    pending.clear();
    return engine.run(jobs);
  }

  private static String status(String policy, ObjectNode context) {
    return policy + "\ncontext: " + json(context) + "\nparameter: {}\n";
  }

  private String queue(CueJob job) {
    if (pending.stream().anyMatch(j -> j.id().equals(job.id()))) {
      throw new IllegalArgumentException("duplicate case id " + job.id());
    }
    pending.add(job);
    return job.id();
  }

  private Path write(String id, String text) {
    Path file = dir.resolve(id + ".cue");
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return file;
  }

  static String json(JsonNode node) {
    try {
      return JSON.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static void clean(Path dir) {
    try {
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(p);
          }
        }
      }
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
