package io.zkoam.agent.init;

import static org.assertj.core.api.Assertions.assertThat;

import io.zkoam.agent.init.StaticConfigRenderer.Rendered;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StaticConfigRendererTest {

    private static final String USER = """
        # user part
        tickTime=2000
        initLimit=10
        skipACL=yes
        4lw.commands.whitelist=*
        server.9=evil:1:2
        zookeeper.DigestAuthenticationProvider.superDigest=super:x
        quorumListenOnAllIPs=true
        autopurge.purgeInterval=1
        """;

    private static Properties parse(String text) throws Exception {
        Properties properties = new Properties();
        properties.load(new StringReader(text));
        return properties;
    }

    @Test
    void writesEveryOwnedKeyAndKeepsTheUsersOthers() throws Exception {
        Rendered rendered = StaticConfigRenderer.render(USER, Path.of("/data"), Path.of("/data/conf/zoo.cfg.dynamic.1"),
            "super:abc+/=", "10.1.2.3", 7000);
        Properties cfg = parse(rendered.text());

        assertThat(cfg).containsEntry("tickTime", "2000").containsEntry("initLimit", "10").containsEntry("autopurge.purgeInterval", "1")
            .containsEntry("dataDir", "/data")
            .containsEntry("reconfigEnabled", "true")
            .containsEntry("standaloneEnabled", "false")
            .containsEntry("quorumListenOnAllIPs", "false")
            .containsEntry("admin.enableServer", "false")
            .containsEntry("4lw.commands.whitelist", "ruok,srvr,mntr,conf")
            .containsEntry("DigestAuthenticationProvider.superDigest", "super:abc+/=")
            .containsEntry("metricsProvider.className", "org.apache.zookeeper.metrics.prometheus.PrometheusMetricsProvider")
            .containsEntry("metricsProvider.httpHost", "10.1.2.3")
            .containsEntry("metricsProvider.httpPort", "7000")
            .containsEntry("dynamicConfigFile", "/data/conf/zoo.cfg.dynamic.1");
    }

    @Test
    void neverLetsTheUserDisableAclsOrAddMembers() throws Exception {
        Rendered rendered = StaticConfigRenderer.render(USER, Path.of("/data"), Path.of("/d"), "super:x", "10.1.2.3", 7000);
        Properties cfg = parse(rendered.text());

        assertThat(cfg).doesNotContainKeys("skipACL", "server.9", "zookeeper.DigestAuthenticationProvider.superDigest");
        assertThat(rendered.text()).doesNotContain("skipACL").doesNotContain("evil");
        assertThat(rendered.droppedKeys()).containsExactly("skipACL", "4lw.commands.whitelist", "server.9",
            "zookeeper.DigestAuthenticationProvider.superDigest", "quorumListenOnAllIPs");
    }

    @Test
    void metricsPortZeroLeavesTheProviderOut() throws Exception {
        Properties cfg = parse(StaticConfigRenderer.render("", Path.of("/data"), Path.of("/d"), "super:x", "10.1.2.3", 0).text());

        assertThat(cfg.stringPropertyNames()).noneMatch(k -> k.startsWith("metricsProvider"));
    }

    @Test
    void ownedKeysAreRecognisedWhateverTheSeparator() {
        assertThat(StaticConfigRenderer.render("skipACL yes\nskipACL:yes\n", Path.of("/d"), Path.of("/d"), "s", "ip", 0).droppedKeys())
            .containsExactly("skipACL", "skipACL");
    }
}
