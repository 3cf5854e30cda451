package org.lungprep.pipeline;

import java.util.ArrayList;
import java.util.List;

/** RFC 4180 CSV: quote fields with commas, quotes or line breaks; parse them back. */
public final class Csv {

	private Csv() { }

	/** @return one CSV line (no line break) of the fields */
	public static String line(final List<String> fields) {
		final StringBuilder sb = new StringBuilder();
		for (int i = 0; i < fields.size(); i++) {
			if (i > 0) sb.append(',');
			final String f = fields.get(i) == null ? "" : fields.get(i);
			if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0)
				sb.append('"').append(f.replace("\"", "\"\"")).append('"');
			else sb.append(f);
		}
		return sb.toString();
	}

	/** @return the records of a whole CSV text (quoted fields may span lines) */
	public static List<List<String>> parse(final String text) {
		final List<List<String>> rows = new ArrayList<>();
		List<String> row = new ArrayList<>();
		final StringBuilder f = new StringBuilder();
		boolean quoted = false, any = false;
		for (int i = 0; i < text.length(); i++) {
			final char c = text.charAt(i);
			if (quoted) {
				if (c == '"') {
					if (i + 1 < text.length() && text.charAt(i + 1) == '"') { f.append('"'); i++; }
					else quoted = false;
				}
				else f.append(c);
				continue;
			}
			if (c == '"') { quoted = true; any = true; }
			else if (c == ',') { row.add(f.toString()); f.setLength(0); any = true; }
			else if (c == '\n' || c == '\r') {
				if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') i++;
				if (any || f.length() > 0) { row.add(f.toString()); rows.add(row); }
				row = new ArrayList<>();
				f.setLength(0);
				any = false;
			}
			else { f.append(c); any = true; }
		}
		if (any || f.length() > 0) { row.add(f.toString()); rows.add(row); }
		return rows;
	}
}
