package io.github.shopsaga.storefront;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The samples of a Prometheus text exposition ({@code /actuator/prometheus}): enough of the format
 * to read a service's own meters, not a general parser (no timestamps, no escapes beyond quotes).
 */
record PrometheusText(List<Sample> samples) {

  /** One line: a metric name, its labels and its value. */
  record Sample(String name, Map<String, String> labels, double value) {}

  private static final Pattern LINE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?\\s+(\\S+)");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

  static PrometheusText parse(String text) {
    List<Sample> samples = new ArrayList<>();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher sample = LINE.matcher(line);
      if (!sample.find()) {
        continue;
      }
      Map<String, String> labels = new LinkedHashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          labels.put(label.group(1), label.group(2));
        }
      }
      try {
        samples.add(new Sample(sample.group(1), labels, Double.parseDouble(sample.group(3))));
      } catch (NumberFormatException e) {
        // +Inf and -Inf parse; anything else is not a sample this reader needs.
      }
    }
    return new PrometheusText(samples);
  }

  /** The values of a metric by the value of one of its labels. */
  Map<String, Double> byLabel(String name, String label) {
    Map<String, Double> values = new LinkedHashMap<>();
    for (Sample sample : samples) {
      if (sample.name().equals(name) && sample.labels().containsKey(label)) {
        values.merge(sample.labels().get(label), sample.value(), Double::sum);
      }
    }
    return values;
  }

  /** The sum of a metric's series, if it has any. */
  OptionalDouble sum(String name) {
    return values(name).reduce(Double::sum);
  }

  /** The largest value of a metric's series, if it has any finite one. */
  OptionalDouble max(String name) {
    return values(name).filter(Double::isFinite).reduce(Math::max);
  }

  private java.util.stream.DoubleStream values(String name) {
    return samples.stream()
        .filter(sample -> sample.name().equals(name))
        .mapToDouble(Sample::value)
        .filter(value -> !Double.isNaN(value));
  }
}
