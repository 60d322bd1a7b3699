package dev.descent.cli;

/** Facts about this build of descent. */
final class BuildInfo {
  private BuildInfo() {}

  /** The version from the jar manifest, or "dev" when run from classes. */
  static String version() {
    String v = Main.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
