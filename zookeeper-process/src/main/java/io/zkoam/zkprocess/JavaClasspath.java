package io.zkoam.zkprocess;

import java.nio.file.Path;

/** Where a child JVM comes from when the caller does not say: the running JVM's own java and classpath. */
public final class JavaClasspath {

    private JavaClasspath() {
    }

    /**
     * The classpath of the running JVM. Under surefire/failsafe this is the module's full test classpath (the
     * booter sets {@code java.class.path} to it), so it holds zookeeper, metrics-core, snappy-java and logback
     * whenever this module is a dependency. Entries are made absolute: a child runs in a directory of its own, where
     * the relative path of {@code java -jar sandbox/target/zkoam-sandbox.jar} would name nothing.
     */
    public static String ofRunningJvm() {
        String classpath = System.getProperty("java.class.path");
        if (classpath == null || classpath.isBlank()) {
            throw new IllegalStateException("java.class.path is empty; pass an explicit classpath");
        }
        return absolute(classpath);
    }

    static String absolute(String classpath) {
        return java.util.Arrays.stream(classpath.split(java.io.File.pathSeparator))
            .filter(entry -> !entry.isBlank())
            .map(entry -> Path.of(entry).toAbsolutePath().normalize().toString())
            .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** The {@code java} launcher of the running JVM, so child processes run the same Java version. */
    public static Path javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }
}
