package org.lungprep.cli;

import java.io.PrintWriter;

import org.lungprep.pipeline.LungPrepVersion;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** Entry point of {@code lungprep-cli.jar}. */
@Command(name = "lungprep", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = "Chest CT to ML-ready data: DICOM/MetaImage/NIfTI -> Hounsfield units -> isotropic resampling -> lung masks -> normalized arrays.%n"
		+ "Arrays are written in numpy's (z, y, x) order; shapes and spacings are printed as (z, y, x).",
	subcommands = { InfoCommand.class, ConvertCommand.class, PreprocessCommand.class, BatchCommand.class, SurfaceCommand.class, PhantomCommand.class, DemoCommand.class,
		CommandLine.HelpCommand.class })
public final class Main implements Runnable {

	@picocli.CommandLine.Option(names = "--debug", hidden = true, scope = picocli.CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
	boolean debug;

	@Override
	public void run() {
		CommandLine.usage(this, System.out);
	}

	/**
	 * Runs the command line and returns the exit code: 0 success, 1 failure, 2 bad usage.
	 *
	 * @param args the arguments
	 * @return the exit code
	 */
	public static int run(final String... args) {
		final CommandLine cl = new CommandLine(new Main());
		cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
			final PrintWriter err = commandLine.getErr();
			err.println("lungprep: " + Errors.oneLine(ex));
			if (debug(parseResult) || Boolean.getBoolean("lungprep.debug")) ex.printStackTrace(err);
			err.flush();
			return 1;
		});
		return cl.execute(args);
	}

	/** @return whether --debug was given, on the top command or (inherited) on a subcommand */
	private static boolean debug(final CommandLine.ParseResult top) {
		for (CommandLine.ParseResult r = top; r != null; r = r.subcommand())
			if (r.hasMatchedOption("--debug")) return true;
		return false;
	}

	public static void main(final String[] args) {
		System.setProperty("java.awt.headless", "true");
		System.exit(run(args));
	}

	/** Version for {@code --version}. */
	static final class Version implements IVersionProvider {
		@Override
		public String[] getVersion() {
			return new String[] { "LungPrep " + LungPrepVersion.get() + " (Java " + System.getProperty("java.version") + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores)" };
		}
	}
}
