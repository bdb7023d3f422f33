package io.zkoam.zkprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JavaClasspathTest {

    @Test
    void relativeEntriesBecomeAbsoluteSoAChildInAnotherDirectoryFindsThem() {
        String cwd = Path.of("").toAbsolutePath().toString();
        String given = "sandbox/target/zkoam-sandbox.jar" + File.pathSeparator + "/opt/lib/a.jar"
            + File.pathSeparator + "./classes";
        assertThat(JavaClasspath.absolute(given).split(File.pathSeparator)).containsExactly(
            Path.of(cwd, "sandbox/target/zkoam-sandbox.jar").toString(), "/opt/lib/a.jar",
            Path.of(cwd, "classes").toString());
    }

    @Test
    void theRunningJvmsClasspathIsAbsolute() {
        for (String entry : JavaClasspath.ofRunningJvm().split(File.pathSeparator)) {
            assertThat(Path.of(entry).isAbsolute()).as(entry).isTrue();
        }
    }
}
