package org.lungprep.cli;

import java.io.PrintWriter;

import org.lungprep.pipeline.LungPrepVersion;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

/** Entry point of {@code lungprep-cli.jar}. */
@Command(name = "lungprep", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
	description = "Chest CT to ML-ready data: DICOM/MetaImage/NIfTI -> Hounsfield units -> isotropic resampling -> lung masks -> normalized arrays.%n"
		+ "Arrays are written in numpy's (z, y, x) order; shapes and spacings are printed as (z, y, x).")
public final class Main implements Runnable {

	/** The subcommands, in the order the usage message lists them. */
	private static final Class<?>[] SUBCOMMANDS = { InfoCommand.class, ConvertCommand.class, PreprocessCommand.class, BatchCommand.class, SurfaceCommand.class,
		PhantomCommand.class, DemoCommand.class, CommandLine.HelpCommand.class };

	@picocli.CommandLine.Option(names = "--debug", hidden = true, scope = picocli.CommandLine.ScopeType.INHERIT, description = "Print stack traces of errors.")
	boolean debug;

	@picocli.CommandLine.Spec
	CommandLine.Model.CommandSpec spec;

	@Override
	public void run() {
		// the usage of this command line, with the subcommands registered on it
		spec.commandLine().usage(System.out);
	}

	/**
	 * Runs the command line and returns the exit code: 0 success, 1 failure, 2 bad usage.
	 *
	 * @param args the arguments
	 * @return the exit code
	 */
	public static int run(final String... args) {
		excludeUnusedConverters();
		final CommandLine cl = new CommandLine(new Main());
		for (final Class<?> c : subcommands(args))
			cl.addSubcommand(c);
		cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
			final PrintWriter err = commandLine.getErr();
			err.println("lungprep: " + Errors.oneLine(ex));
			if (debug(parseResult) || Boolean.getBoolean("lungprep.debug")) ex.printStackTrace(err);
			err.flush();
			return 1;
		});
		return cl.execute(args);
	}

	/**
	 * The subcommands to register: only the one named by the first argument that is not an option, when there is such
	 * a subcommand (picocli builds the model of every registered command by reflection when it starts, which takes a
	 * large part of a second in a fresh JVM); all of them otherwise, for the usage message, help and suggestions.
	 */
	static Class<?>[] subcommands(final String... args) {
		for (final String a : args) {
			if (a.startsWith("-")) continue;
			for (final Class<?> c : SUBCOMMANDS)
				if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(a)) return new Class<?>[] { c };
			break;
		}
		return SUBCOMMANDS.clone();
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

	/**
	 * No option of ours takes a java.time or java.sql type: picocli is told not to register its converters for them,
	 * which it otherwise does by loading and initializing those classes (about 15 ms of a one-shot run, mostly
	 * java.time's formatter set-up). A value the user set is kept.
	 */
	static void excludeUnusedConverters() {
		if (System.getProperty(CONVERTER_EXCLUDES) == null) System.setProperty(CONVERTER_EXCLUDES, "java\\.(time|sql)\\..*");
	}

	static final String CONVERTER_EXCLUDES = "picocli.converters.excludes";

	/** Version for {@code --version}. */
	static final class Version implements IVersionProvider {
		@Override
		public String[] getVersion() {
			return new String[] { "LungPrep " + LungPrepVersion.get() + " (Java " + System.getProperty("java.version") + ", "
				+ Runtime.getRuntime().availableProcessors() + " cores)" };
		}
	}
}
