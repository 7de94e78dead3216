package com.example.rollup;

import java.util.List;
import java.util.Map;

/** Nightly rollup: sums the amounts of the day's events per account. */
public class Handler {
  public Map<String, Long> handleRequest(List<Map<String, Object>> events) {
    Map<String, Long> totals = new java.util.TreeMap<>();
    for (Map<String, Object> event : events) {
      String account = String.valueOf(event.get("account"));
      long amount = ((Number) event.getOrDefault("amount", 0)).longValue();
      totals.merge(account, amount, Long::sum);
    }
    return totals;
  }
}
