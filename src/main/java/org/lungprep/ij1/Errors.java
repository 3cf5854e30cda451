package org.lungprep.ij1;

import java.awt.GraphicsEnvironment;

import ij.IJ;
import ij.Macro;

/** One clear message for the user: a dialog when interactive; the Log and an aborted macro when batch or headless. */
final class Errors {

	private Errors() { }

	static void report(final String title, final String message) {
		final String line = message.replace('\n', ' ');
		if (GraphicsEnvironment.isHeadless() || IJ.getInstance() == null || Macro.getOptions() != null) {
			IJ.log(title + ": " + line);
			if (Macro.getOptions() != null) {
				Macro.abort();
				ij.macro.Interpreter.abort();
			}
		}
		else IJ.error(title, line);
	}
}
