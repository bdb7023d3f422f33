package io.zkoam.runtime.apply;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class JsonOverlayTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode json(String text) throws Exception {
    return JSON.readTree(text.replace('\'', '"'));
  }

  @Test
  void extraLiveFieldsDoNotCount() throws Exception {
    assertThat(JsonOverlay.contains(json("{'a':1,'b':{'c':2,'d':3},'status':{}}"), json("{'a':1,'b':{'c':2}}")))
        .isTrue();
  }

  @Test
  void aDifferentScalarOrMissingFieldCounts() throws Exception {
    assertThat(JsonOverlay.contains(json("{'a':1}"), json("{'a':2}"))).isFalse();
    assertThat(JsonOverlay.contains(json("{'a':1}"), json("{'b':1}"))).isFalse();
    assertThat(JsonOverlay.contains(json("{'a':'1'}"), json("{'a':1}"))).isFalse();
  }

  @Test
  void numbersCompareByValue() throws Exception {
    assertThat(JsonOverlay.contains(json("{'a':1.0}"), json("{'a':1}"))).isTrue();
  }

  @Test
  void resourceQuantitiesCompareByValueButOtherStringsByText() throws Exception {
    assertThat(JsonOverlay.contains(json("{'resources':{'limits':{'cpu':'1','memory':'1Gi'}}}"),
        json("{'resources':{'limits':{'cpu':'1000m','memory':'1024Mi'}}}"))).isTrue();
    assertThat(JsonOverlay.contains(json("{'resources':{'requests':{'cpu':'500m'}}}"),
        json("{'resources':{'requests':{'cpu':'1'}}}"))).isFalse();
    assertThat(JsonOverlay.contains(json("{'image':'zk:3.9'}"), json("{'image':'zk:3.90'}"))).isFalse();
    assertThat(JsonOverlay.contains(json("{'labels':{'v':'1'}}"), json("{'labels':{'v':'1.0'}}"))).isFalse();
  }

  @Test
  void listsCompareElementWiseWithServerDefaultsInside() throws Exception {
    assertThat(JsonOverlay.contains(json("{'l':[{'n':'a','x':1},{'n':'b'}]}"), json("{'l':[{'n':'a'},{'n':'b'}]}")))
        .isTrue();
    assertThat(JsonOverlay.contains(json("{'l':[{'n':'a'},{'n':'b'}]}"), json("{'l':[{'n':'a'}]}"))).isFalse();
    assertThat(JsonOverlay.contains(json("{'l':[{'n':'b'},{'n':'a'}]}"), json("{'l':[{'n':'a'},{'n':'b'}]}")))
        .isFalse();
  }

  @Test
  void emptyDesiredCollectionsMatchOmittedFields() throws Exception {
    assertThat(JsonOverlay.contains(json("{}"), json("{'labels':{},'l':[]}"))).isTrue();
    assertThat(JsonOverlay.contains(json("{}"), json("{'labels':{'a':'b'}}"))).isFalse();
  }

  @Test
  void removedFieldsAreFoundAndRemoved() throws Exception {
    JsonNode previous = json("{'spec':{'a':1,'sel':{'pool':'x'},'keep':{'b':2,'gone':3}},'l':[1]}");
    JsonNode desired = json("{'spec':{'a':1,'keep':{'b':2}},'l':[1]}");
    JsonNode removed = JsonOverlay.removedFields(previous, desired);
    assertThat(removed).isEqualTo(json("{'spec':{'sel':true,'keep':{'gone':true}}}"));
    JsonNode live = json("{'spec':{'a':1,'sel':{'pool':'x'},'keep':{'b':2,'gone':3,'server':9}},'l':[1]}");
    assertThat(JsonOverlay.anyPresent(live, removed)).isTrue();
    JsonOverlay.removeAll(live, removed);
    assertThat(live).isEqualTo(json("{'spec':{'a':1,'keep':{'b':2,'server':9}},'l':[1]}"));
    assertThat(JsonOverlay.anyPresent(live, removed)).isFalse();
  }

  @Test
  void overlayMergesObjectsAndReplacesLists() throws Exception {
    JsonNode live = json("{'keep':1,'m':{'a':1,'b':2},'l':[1,2,3]}");
    JsonNode merged = JsonOverlay.overlay(live, json("{'m':{'b':5},'l':[9]}"));
    assertThat(merged).isEqualTo(json("{'keep':1,'m':{'a':1,'b':5},'l':[9]}"));
    assertThat(live).as("inputs untouched").isEqualTo(json("{'keep':1,'m':{'a':1,'b':2},'l':[1,2,3]}"));
    assertThat(JsonOverlay.contains(merged, json("{'m':{'b':5},'l':[9]}"))).isTrue();
  }
}
