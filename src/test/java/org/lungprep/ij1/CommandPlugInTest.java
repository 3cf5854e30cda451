package org.lungprep.ij1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.scijava.Context;
import org.scijava.command.CommandInfo;
import org.scijava.command.CommandService;
import org.scijava.module.ModuleItem;

import ij.Macro;

/**
 * What the generic ImageJ 1.x entry point relies on, checked headless against the real plugins.config: every entry
 * names an installed command without a menu path of its own (so Fiji lists each step once), every dialog label gives
 * the parameter's name as ImageJ's macro key (so recorded lines use the script API's names), and numbers outside the
 * declared min/max are refused with a message naming key and value.
 */
class CommandPlugInTest {

	static Context context;
	static CommandService commands;

	@BeforeAll
	static void setUp() {
		context = new Context(CommandService.class);
		commands = context.getService(CommandService.class);
	}

	@AfterAll
	static void tearDown() {
		context.dispose();
	}

	/** @return menu label -> command class name, from the top-level plugins.config */
	static Map<String, String> entries() throws Exception {
		final Map<String, String> entries = new LinkedHashMap<>();
		final Pattern line = Pattern.compile("^Plugins>LungPrep, \"([^\"]+)\", org\\.lungprep\\.ij1\\.CommandPlugIn\\(\"([^\"]+)\"\\)$");
		for (final String l : Files.readAllLines(Paths.get("plugins.config"), StandardCharsets.UTF_8)) {
			if (l.startsWith("#") || l.trim().isEmpty()) continue;
			final Matcher m = line.matcher(l);
			assertTrue(m.matches(), "plugins.config line: " + l);
			assertNull(entries.put(m.group(1), m.group(2)), "duplicate entry " + m.group(1));
		}
		return entries;
	}

	@Test
	void everyMenuEntryIsAnInstalledCommandWithoutMenuPath() throws Exception {
		final Map<String, String> entries = entries();
		assertEquals(9, entries.size(), entries.toString());
		for (final Map.Entry<String, String> e : entries.entrySet()) {
			final CommandInfo info = commands.getCommand(e.getValue());
			assertNotNull(info, e.getKey() + ": " + e.getValue() + " is not a discovered command");
			assertTrue(info.getMenuPath() == null || info.getMenuPath().isEmpty(), e.getKey() + " must not have a SciJava menu path: " + info.getMenuPath());
		}
	}

	@Test
	void dialogLabelsAreTheDeclaredLabelsAndGiveTheParameterNamesAsMacroKeys() throws Exception {
		for (final String className : entries().values()) {
			for (final ModuleItem<?> item : commands.getCommand(className).inputs()) {
				if (!CommandPlugIn.inDialog(item)) continue;
				final String label = CommandPlugIn.label(item);
				assertEquals(item.getName(), Macro.trimKey(label), className + "." + item.getName());
				assertEquals(item.getLabel(), label, className + "." + item.getName() + ": the declared label is shown");
			}
		}
	}

	@Test
	void numbersOutsideTheDeclaredRangeAreRefusedWithKeyAndValue() {
		final CommandInfo resample = commands.getCommand(org.lungprep.commands.ResampleIsotropic.class);
		final ModuleItem<?> spacing = resample.getInput("spacing");
		assertNull(CommandPlugIn.outOfRange(spacing, 1));
		assertNull(CommandPlugIn.outOfRange(spacing, 0.1));
		assertEquals("spacing=50 is above the maximum 20.0", CommandPlugIn.outOfRange(spacing, 50));
		assertEquals("spacing=0.05 is below the minimum 0.1", CommandPlugIn.outOfRange(spacing, 0.05));
		assertEquals("spacing is not a number", CommandPlugIn.outOfRange(spacing, Double.NaN));
		final ModuleItem<?> step = commands.getCommand(org.lungprep.commands.ShowSurface.class).getInput("step");
		assertEquals("step=0 is below the minimum 1", CommandPlugIn.outOfRange(step, 0));
		// no declared range: anything goes (the command checks its own rules)
		assertNull(CommandPlugIn.outOfRange(commands.getCommand(org.lungprep.commands.NormalizeCt.class).getInput("min"), -5000));
	}
}
