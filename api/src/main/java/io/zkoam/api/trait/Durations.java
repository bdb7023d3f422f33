package io.zkoam.api.trait;

import io.zkoam.api.ZkoamApi;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses the Go-style durations of trait specs ({@code 90s}, {@code 10m}, {@code 1h30m}, {@code 250ms}). */
public final class Durations {
  private static final Pattern WHOLE = Pattern.compile(ZkoamApi.DURATION_PATTERN);
  private static final Pattern PART = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)(ms|s|m|h)");

  private Durations() {}

  public static Duration parse(String text) {
    if (text == null || !WHOLE.matcher(text).matches()) {
      throw new IllegalArgumentException("not a duration (e.g. 30s, 10m, 1h30m): " + text);
    }
    Matcher m = PART.matcher(text);
    BigDecimal millis = BigDecimal.ZERO;
    while (m.find()) {
      BigDecimal amount = new BigDecimal(m.group(1));
      long unit = switch (m.group(2)) {
        case "ms" -> 1L;
        case "s" -> 1_000L;
        case "m" -> 60_000L;
        default -> 3_600_000L;
      };
      millis = millis.add(amount.multiply(BigDecimal.valueOf(unit)));
    }
    return Duration.ofMillis(millis.longValue());
  }

  /** Like {@link #parse} but falls back when the text is missing or malformed (the CRD normally prevents it). */
  public static Duration parseOr(String text, Duration fallback) {
    try {
      return parse(text);
    } catch (IllegalArgumentException e) {
      return fallback;
    }
  }
}
