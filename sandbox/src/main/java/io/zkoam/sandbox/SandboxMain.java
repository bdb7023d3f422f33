package io.zkoam.sandbox;

import io.zkoam.workload.ReconcileTiming;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar sandbox/target/zkoam-sandbox.jar [options]}: starts the embedded API, the simulated node and
 * StatefulSet controller, and zkoam's controllers; applies the standalone samples (or {@code --apply} files); prints
 * a live table until Ctrl-C. {@code --scenario demo} runs a scripted tour with the workload checker and exits.
 */
public final class SandboxMain {
  static final String USAGE = """
      usage: java -jar sandbox/target/zkoam-sandbox.jar [options]
        --kubeconfig-out PATH        write a kubeconfig for kubectl (default: <work dir>/kubeconfig)
        --apply FILE...              apply these manifests instead of the standalone samples (cluster and the 3 traits)
        --scenario demo              run the scripted tour with the workload checker, print its counts, exit
        --port N                     port of the embedded API on 127.0.0.1 (default: any free port)
        --work-dir DIR               where volumes and logs live (default: a new temporary directory, removed on exit)
        --kubeconfig FILE            use this API server instead of the embedded one (the simulated node registers a
                                     Node and runs the pods bound to it; pair with --no-statefulset-controller when
                                     the cluster runs its own controller-manager)
        --no-statefulset-controller  do not simulate the StatefulSet controller
        --help                       this text
      """;

  private SandboxMain() {}

  public static void main(String[] args) throws Exception {
    Arguments parsed;
    try {
      parsed = Arguments.parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.err.print(USAGE);
      System.exit(2);
      return;
    }
    if (parsed.help) {
      System.out.print(USAGE);
      return;
    }
    PrintStream out = System.out;
    Path workDir = parsed.workDir.orElseGet(SandboxOptions::tempDir);
    Path kubeconfig = parsed.kubeconfig.orElse(parsed.kubeconfigOut.orElse(workDir.resolve("kubeconfig")));
    SandboxOptions options = new SandboxOptions(parsed.port, workDir, parsed.workDir.isEmpty(),
        parsed.statefulSetController, Optional.of(kubeconfig),
        new ReconcileTiming(Duration.ofSeconds(1), Duration.ofSeconds(5)), parsed.kubeconfig);
    out.println("zkoam sandbox: starting the embedded Kubernetes API, simulated node and controllers...");
    Sandbox sandbox = Sandbox.start(options);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      out.println("\nzkoam sandbox: stopping (ZooKeeper servers, agents, controllers)...");
      sandbox.close();
      stopped.countDown();
    }, "sandbox-shutdown"));
    out.println("  API:        " + sandbox.apiUrl());
    out.println("  kubeconfig: " + kubeconfig.toAbsolutePath());
    out.println("  try:        kubectl --kubeconfig " + kubeconfig.toAbsolutePath() + " get zk,pods");
    out.println("  work dir:   " + workDir.toAbsolutePath() + " (pod logs under pods/<namespace>/<pod>-<uid>/logs)");
    List<String> manifests = new ArrayList<>();
    if (parsed.apply.isEmpty()) {
      manifests.add(Sandbox.sample("zookeepercluster.yaml"));
      manifests.add(Sandbox.sample("scalertrait.yaml"));
      manifests.add(Sandbox.sample("rollouttrait.yaml"));
      manifests.add(Sandbox.sample("monitoringtrait.yaml"));
      out.println("applying the standalone samples: ZooKeeperCluster zk (3 members), ScalerTrait zk-scaler (3 "
          + "voters; patch its spec.replicas to grow or shrink the ensemble), RolloutTrait zk-rollout (patch zk's "
          + "spec.version to roll the pods, leader last) and MonitoringTrait zk-monitoring (ServiceMonitor, "
          + "PrometheusRule and dashboard: kubectl get servicemonitors,prometheusrules,cm)");
    } else {
      for (Path file : parsed.apply) {
        manifests.add(Files.readString(file));
        out.println("applying " + file);
      }
    }
    manifests.forEach(sandbox::apply);
    if (parsed.scenario.isPresent()) {
      boolean ok = new DemoScenario(sandbox, out).run();
      System.exit(ok ? 0 : 1);
      return;
    }
    LiveTable table = new LiveTable(sandbox.client(), out);
    while (stopped.getCount() > 0) {
      table.printIfChanged();
      stopped.await(2, java.util.concurrent.TimeUnit.SECONDS);
    }
  }

  /** Command line of the sandbox. */
  static final class Arguments {
    Optional<Path> kubeconfigOut = Optional.empty();
    Optional<Path> kubeconfig = Optional.empty();
    Optional<Path> workDir = Optional.empty();
    List<Path> apply = new ArrayList<>();
    Optional<String> scenario = Optional.empty();
    int port;
    boolean statefulSetController = true;
    boolean help;

    static Arguments parse(String[] args) {
      Arguments a = new Arguments();
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--kubeconfig-out" -> a.kubeconfigOut = Optional.of(Path.of(value(args, ++i, "--kubeconfig-out")));
          case "--kubeconfig" -> a.kubeconfig = Optional.of(Path.of(value(args, ++i, "--kubeconfig")));
          case "--work-dir" -> a.workDir = Optional.of(Path.of(value(args, ++i, "--work-dir")));
          case "--port" -> a.port = Integer.parseInt(value(args, ++i, "--port"));
          case "--scenario" -> {
            String name = value(args, ++i, "--scenario");
            if (!name.equals("demo")) {
              throw new IllegalArgumentException("unknown scenario '" + name + "' (known: demo)");
            }
            a.scenario = Optional.of(name);
          }
          case "--apply" -> {
            while (i + 1 < args.length && !args[i + 1].startsWith("--")) {
              Path file = Path.of(args[++i]);
              if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--apply: no such file " + file);
              }
              a.apply.add(file);
            }
            if (a.apply.isEmpty()) {
              throw new IllegalArgumentException("--apply needs at least one file");
            }
          }
          case "--no-statefulset-controller" -> a.statefulSetController = false;
          case "--help", "-h" -> a.help = true;
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return a;
    }

    private static String value(String[] args, int i, String flag) {
      if (i >= args.length) {
        throw new IllegalArgumentException(flag + " needs a value");
      }
      return args[i];
    }
  }
}
