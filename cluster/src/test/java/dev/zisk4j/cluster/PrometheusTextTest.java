package dev.zisk4j.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The strict exposition reader the metrics tests rely on accepts the format and refuses what breaks it. */
class PrometheusTextTest {
  private static final String GOOD = """
      # HELP up_total Things.
      # TYPE up_total counter
      up_total{a="x",b="q\\"uote"} 2.0
      # TYPE lat_seconds histogram
      lat_seconds_bucket{le="0.1"} 1
      lat_seconds_bucket{le="+Inf"} 3
      lat_seconds_count 3
      lat_seconds_sum 0.5
      # TYPE g gauge
      g NaN
      """;

  @Test
  void readsValidText() {
    PrometheusText p = PrometheusText.parse(GOOD);
    assertThat(p.value("up_total", "a", "x", "b", "q\"uote")).isEqualTo(2.0);
    assertThat(p.value("lat_seconds_count")).isEqualTo(3.0);
    assertThat(p.type("lat_seconds")).isEqualTo("histogram");
  }

  @Test
  void refusesWhatTheFormatForbids() {
    for (String bad : new String[] {
        "# TYPE x gauge\nx 1",                                  // no final newline
        "x 1\n",                                                // undeclared family
        "# TYPE x gauge\n# TYPE x gauge\nx 1\n",                // second TYPE
        "# TYPE x gauge\nx 1\nx 2\n",                           // duplicate series
        "# TYPE x gauge\nx{1a=\"v\"} 1\n",                      // bad label name
        "# TYPE x gauge\nx{a=\"\\t\"} 1\n",                     // bad escape
        "# TYPE x gauge\nx one\n",                              // bad value
        "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_count 1\n", // not cumulative
        "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_count 3\n",                     // +Inf != count
        "# TYPE c counter\nc_bucket 1\n",                       // suffix not allowed for a counter
    }) {
      assertThatThrownBy(() -> PrometheusText.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
    }
  }
}
