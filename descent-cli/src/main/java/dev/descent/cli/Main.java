package dev.descent.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The {@code descent} command: every subcommand hangs off this one. */
@Command(
    name = "descent",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = {
      "Train neural networks with every classic optimization technique, and see how they behave.",
      ""
    },
    subcommands = {
      InfoCommand.class,
      BenchCommand.class,
      ScheduleCommand.class,
      DatasetsCommand.class,
      TrajectoryCommand.class,
      TrainCommand.class,
      EvaluateCommand.class,
      TuneCommand.class,
      LabCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {

  @Option(
      names = "--verbose",
      scope = CommandLine.ScopeType.INHERIT,
      description = "Print stack traces with errors.")
  boolean verbose;

  /** Runs the CLI and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit status (0 on success) instead of exiting. */
  public static int run(String... args) {
    CommandLine cli = commandLine();
    return cli.execute(args);
  }

  /** The configured command line (used by tests to run commands with captured output). */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new Main());
    cli.setExecutionExceptionHandler(Main::handle);
    return cli;
  }

  private static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parseResult) {
    PrintWriter err = cmd.getErr();
    boolean verbose = parseResult.hasMatchedOption("--verbose");
    CommandLine root = cmd;
    while (root.getParent() != null) {
      root = root.getParent();
    }
    if (root.getParseResult() != null && root.getParseResult().hasMatchedOption("--verbose")) {
      verbose = true;
    }
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    err.println(cmd.getColorScheme().errorText("error: " + message));
    if (verbose) {
      e.printStackTrace(err);
    } else if (!(e instanceof IllegalArgumentException
        || e instanceof java.io.IOException
        || e instanceof java.io.UncheckedIOException
        || e instanceof IllegalStateException)) {
      err.println("(run with --verbose for the stack trace)");
    }
    err.flush();
    return 1;
  }

  /** The version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"descent " + BuildInfo.version()};
    }
  }
}
