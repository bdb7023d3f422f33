package io.zkoam.agent.init;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VolumeStateTest {

    @Test
    void onlyHexSuffixesAreCommittedConfigVersions() {
        assertThat(VolumeState.versionOf("zoo.cfg.dynamic.100000004")).contains(0x100000004L);
        assertThat(VolumeState.versionOf("zoo.cfg.dynamic.1")).contains(1L);
        assertThat(VolumeState.versionOf("zoo.cfg.dynamic.0")).contains(0L);
        assertThat(VolumeState.versionOf("zoo.cfg.dynamic.next")).isEmpty();
        assertThat(VolumeState.versionOf("zoo.cfg.dynamic")).isEmpty();
        assertThat(VolumeState.versionOf("zoo.cfg.bak")).isEmpty();
        assertThat(VolumeState.versionOf(".zoo.cfg.dynamic.1123.tmp")).isEmpty();
    }
}
