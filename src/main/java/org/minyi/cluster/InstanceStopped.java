package org.minyi.cluster;

/**
 * CDI event: the instance {@code instanceId} stopped ({@code crashed} when it was found dead rather than stopping
 * itself). Fired once, by the instance that noticed; features free what that instance was doing (the crawler marks
 * its runs INTERRUPTED).
 */
public record InstanceStopped(String instanceId, boolean crashed) {
}
