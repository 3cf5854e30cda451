package org.lungprep.ij1;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.Module;
import org.scijava.module.ModuleItem;

import ij.IJ;
import ij.ImagePlus;
import ij.WindowManager;
import ij.gui.GenericDialog;
import ij.plugin.PlugIn;

/**
 * The one ImageJ 1.x entry point of every LungPrep step: {@code plugins.config} names the SciJava command as the
 * argument, and this plug-in builds an ImageJ dialog from the command's declared parameters, so macros pass values
 * without a dialog and the Macro Recorder records {@code run("…", "key=value …")} lines that replay. The macro key
 * of a field is always the parameter's name (the script API): the dialog shows the parameter's label only when
 * ImageJ derives that same key from it (first word, lower case: "Spacing (mm)" gives {@code spacing}), else the
 * name. Numbers outside the declared min/max are refused with one message before the command runs. Image inputs
 * are the current image; image outputs are shown; a cancelled command's reason is the one message the user sees.
 * <p>
 * In Fiji the running SciJava context is reused; in plain ImageJ 1.x a context with the command service is created
 * once.
 */
public final class CommandPlugIn implements PlugIn {

	private static Context own;

	@Override
	public void run(final String className) {
		final Context context;
		try {
			context = context();
		}
		catch (final RuntimeException | LinkageError e) {
			Errors.report("LungPrep", "SciJava could not start (" + e.getMessage() + "); is scijava-common installed beside the plugin?");
			return;
		}
		final CommandService commands = context.getService(CommandService.class);
		final CommandInfo info = commands == null ? null : commands.getCommand(className);
		if (info == null) {
			Errors.report("LungPrep", "command " + className + " is not installed (is scijava-common on the class path?)");
			return;
		}
		final String title = info.getLabel() == null ? className : info.getLabel();
		try {
			final Module module = context.getService(org.scijava.module.ModuleService.class).createModule(info);
			if (!dialog(title, info, module)) return;
			module.run();
			if (module instanceof org.scijava.Cancelable && ((org.scijava.Cancelable) module).isCanceled()) {
				Errors.report(title, ((org.scijava.Cancelable) module).getCancelReason());
				return;
			}
			for (final ModuleItem<?> out : info.outputs()) {
				final Object v = module.getOutput(out.getName());
				if (v instanceof ImagePlus) ((ImagePlus) v).show();
			}
		}
		catch (final org.lungprep.core.CancelledException e) {
			IJ.showStatus("LungPrep: cancelled");
		}
		catch (final RuntimeException e) {
			Errors.report(title, e.getMessage() == null ? e.toString() : e.getMessage());
		}
		catch (final LinkageError e) {
			// a dependency jar missing from plugins/ or jars/: say which class, not a stack trace window
			Errors.report(title, "a LungPrep dependency is missing or too old (" + e.getMessage() + "); install the jars listed in the README");
		}
		finally {
			IJ.showProgress(1.0);
		}
	}

	/** Fills the module's inputs from a dialog (or the macro's options); @return false when cancelled */
	static boolean dialog(final String title, final CommandInfo info, final Module module) {
		final GenericDialog gd = new GenericDialog(title);
		final List<ModuleItem<?>> shown = new ArrayList<>();
		for (final ModuleItem<?> item : info.inputs()) {
			final Class<?> t = item.getType();
			final String key = item.getName();
			final Object v = module.getInput(key);
			if (ImagePlus.class.isAssignableFrom(t)) {
				module.setInput(key, WindowManager.getCurrentImage());
				continue;
			}
			if (!inDialog(item)) continue;
			final String label = label(item);
			if (t == double.class || t == Double.class || t == float.class || t == Float.class)
				gd.addNumericField(label, v == null ? 0 : ((Number) v).doubleValue(), 2, 8, item.getDescription());
			else if (t == int.class || t == Integer.class || t == long.class || t == Long.class)
				gd.addNumericField(label, v == null ? 0 : ((Number) v).doubleValue(), 0, 8, item.getDescription());
			else if (t == boolean.class || t == Boolean.class) gd.addCheckbox(label, v != null && (Boolean) v);
			else if (t == String.class && item.getChoices() != null && !item.getChoices().isEmpty())
				gd.addChoice(label, item.getChoices().stream().map(Object::toString).toArray(String[]::new), v == null ? null : v.toString());
			else if (t == String.class) gd.addStringField(label, v == null ? "" : v.toString(), 30);
			else if (t == File.class) {
				if ("directory".equals(item.getWidgetStyle())) gd.addDirectoryField(label, v == null ? "" : v.toString(), 30);
				else gd.addFileField(label, v == null ? "" : v.toString(), 30);
			}
			else continue;
			shown.add(item);
		}
		gd.showDialog();
		if (gd.wasCanceled()) return false;
		for (final ModuleItem<?> item : shown) {
			final Class<?> t = item.getType();
			final String key = item.getName();
			if (Number.class.isAssignableFrom(t) || (t.isPrimitive() && t != boolean.class)) {
				final double x = gd.getNextNumber();
				final String bad = outOfRange(item, x);
				if (bad != null) {
					Errors.report(title, bad);
					return false;
				}
				if (t == double.class || t == Double.class) module.setInput(key, x);
				else if (t == float.class || t == Float.class) module.setInput(key, (float) x);
				else if (t == int.class || t == Integer.class) module.setInput(key, (int) Math.round(x));
				else module.setInput(key, Math.round(x));
			}
			else if (t == boolean.class || t == Boolean.class) module.setInput(key, gd.getNextBoolean());
			else if (t == String.class && item.getChoices() != null && !item.getChoices().isEmpty()) module.setInput(key, gd.getNextChoice());
			else if (t == String.class) module.setInput(key, gd.getNextString());
			else if (t == File.class) {
				final String s = gd.getNextString().trim();
				module.setInput(key, s.isEmpty() ? null : new File(s));
			}
			module.resolveInput(key);
		}
		return true;
	}

	/** @return whether the dialog shows a field for the input (numbers, booleans, strings, files; not images nor services) */
	static boolean inDialog(final ModuleItem<?> item) {
		final Class<?> t = item.getType();
		return t.isPrimitive() || Number.class.isAssignableFrom(t) || t == Boolean.class || t == String.class || t == File.class;
	}

	/**
	 * @return the dialog label of an input: its declared label when ImageJ's macro key of that label is the
	 *         parameter's name (so recorded and scripted keys agree), else the name itself
	 */
	static String label(final ModuleItem<?> item) {
		final String label = item.getLabel();
		return label != null && !label.isEmpty() && ij.Macro.trimKey(label).equals(item.getName()) ? label : item.getName();
	}

	/** @return why a number is outside the input's declared min/max (naming key and value), or null when inside */
	static String outOfRange(final ModuleItem<?> item, final double x) {
		if (Double.isNaN(x)) return item.getName() + " is not a number";
		final Object min = item.getMinimumValue(), max = item.getMaximumValue();
		if (min instanceof Number && x < ((Number) min).doubleValue()) return item.getName() + "=" + format(x) + " is below the minimum " + min;
		if (max instanceof Number && x > ((Number) max).doubleValue()) return item.getName() + "=" + format(x) + " is above the maximum " + max;
		return null;
	}

	private static String format(final double x) {
		return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : Double.toString(x);
	}

	/** @return Fiji's running context (through its legacy layer), or one made once for plain ImageJ 1.x */
	static synchronized Context context() {
		if (own != null) return own;
		if (present("net.imagej.legacy.LegacyService")) {
			final Object fiji = IJ.runPlugIn("org.scijava.Context", "");
			if (fiji instanceof Context) own = (Context) fiji;
		}
		if (own == null) {
			// plug-in discovery reads the context class loader; in ImageJ 1.x that must be the one that loaded the
			// plugins folder (our jar and its annotation index), not the application class loader
			final Thread t = Thread.currentThread();
			final ClassLoader before = t.getContextClassLoader();
			t.setContextClassLoader(CommandPlugIn.class.getClassLoader());
			try {
				own = new Context(CommandService.class, org.scijava.module.ModuleService.class);
			}
			finally {
				t.setContextClassLoader(before);
			}
		}
		return own;
	}

	private static boolean present(final String name) {
		try {
			Class.forName(name, false, CommandPlugIn.class.getClassLoader());
			return true;
		}
		catch (final ClassNotFoundException | LinkageError e) {
			return false;
		}
	}
}
