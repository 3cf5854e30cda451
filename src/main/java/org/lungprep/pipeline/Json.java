package org.lungprep.pipeline;

import java.util.Collection;
import java.util.Iterator;
import java.util.Map;

/**
 * A minimal JSON writer for reports (no dependency for so little): maps, collections, arrays of
 * numbers, strings, numbers, booleans and null, pretty-printed with one space of indent.
 * Non-finite doubles are written as null (JSON has no NaN).
 */
public final class Json {

	private Json() { }

	/** @return {@code value} as JSON text */
	public static String write(final Object value) {
		final StringBuilder sb = new StringBuilder();
		write(sb, value, 0);
		return sb.toString();
	}

	private static void write(final StringBuilder sb, final Object v, final int indent) {
		if (v == null) sb.append("null");
		else if (v instanceof String) quote(sb, (String) v);
		else if (v instanceof Double || v instanceof Float) {
			final double d = ((Number) v).doubleValue();
			if (!Double.isFinite(d)) sb.append("null");
			else if (d == Math.rint(d) && Math.abs(d) < 1e15) sb.append((long) d).append(".0");
			else sb.append(d);
		}
		else if (v instanceof Number || v instanceof Boolean) sb.append(v);
		else if (v instanceof Map) {
			final Map<?, ?> m = (Map<?, ?>) v;
			if (m.isEmpty()) { sb.append("{}"); return; }
			sb.append("{\n");
			final Iterator<? extends Map.Entry<?, ?>> it = m.entrySet().iterator();
			while (it.hasNext()) {
				final Map.Entry<?, ?> e = it.next();
				pad(sb, indent + 1);
				quote(sb, String.valueOf(e.getKey()));
				sb.append(": ");
				write(sb, e.getValue(), indent + 1);
				sb.append(it.hasNext() ? ",\n" : "\n");
			}
			pad(sb, indent);
			sb.append('}');
		}
		else if (v instanceof Collection) writeList(sb, ((Collection<?>) v).toArray(), indent);
		else if (v instanceof Object[]) writeList(sb, (Object[]) v, indent);
		else if (v instanceof double[]) {
			final double[] a = (double[]) v;
			final Object[] o = new Object[a.length];
			for (int i = 0; i < a.length; i++) o[i] = a[i];
			writeList(sb, o, indent);
		}
		else if (v instanceof long[]) {
			final long[] a = (long[]) v;
			final Object[] o = new Object[a.length];
			for (int i = 0; i < a.length; i++) o[i] = a[i];
			writeList(sb, o, indent);
		}
		else if (v instanceof int[]) {
			final int[] a = (int[]) v;
			final Object[] o = new Object[a.length];
			for (int i = 0; i < a.length; i++) o[i] = a[i];
			writeList(sb, o, indent);
		}
		else quote(sb, v.toString());
	}

	private static void writeList(final StringBuilder sb, final Object[] a, final int indent) {
		boolean flat = true;
		for (final Object o : a)
			if (o instanceof Map || o instanceof Collection || o instanceof Object[]) flat = false;
		if (flat) {
			sb.append('[');
			for (int i = 0; i < a.length; i++) {
				if (i > 0) sb.append(", ");
				write(sb, a[i], indent);
			}
			sb.append(']');
			return;
		}
		sb.append("[\n");
		for (int i = 0; i < a.length; i++) {
			pad(sb, indent + 1);
			write(sb, a[i], indent + 1);
			sb.append(i + 1 < a.length ? ",\n" : "\n");
		}
		pad(sb, indent);
		sb.append(']');
	}

	private static void pad(final StringBuilder sb, final int n) {
		for (int i = 0; i < n; i++) sb.append(' ');
	}

	private static void quote(final StringBuilder sb, final String s) {
		sb.append('"');
		for (int i = 0; i < s.length(); i++) {
			final char c = s.charAt(i);
			switch (c) {
				case '"': sb.append("\\\""); break;
				case '\\': sb.append("\\\\"); break;
				case '\n': sb.append("\\n"); break;
				case '\r': sb.append("\\r"); break;
				case '\t': sb.append("\\t"); break;
				default:
					if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
					else sb.append(c);
			}
		}
		sb.append('"');
	}
}
