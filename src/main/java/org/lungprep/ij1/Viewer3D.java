package org.lungprep.ij1;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import org.lungprep.mesh.TriangleMesh;

/**
 * Fiji's 3D Viewer, reached by reflection so LungPrep needs it neither to build nor to run: when
 * {@code ij3d.Image3DUniverse} is on the class path a mesh is shown there as a surface; otherwise {@link #available()}
 * is false and callers show a rendered picture instead. Never throws a ClassNotFoundException at the user.
 */
public final class Viewer3D {

	private Viewer3D() { }

	/** @return whether Fiji's 3D Viewer can be used */
	public static boolean available() {
		return load("ij3d.Image3DUniverse") != null && pointClass() != null;
	}

	/**
	 * Opens a new 3D Viewer window with the mesh.
	 *
	 * @param mesh the surface (LPS mm)
	 * @param name its name in the viewer
	 * @param rgb its colour
	 * @throws ReflectiveOperationException when the viewer's API is not the expected one
	 */
	public static void show(final TriangleMesh mesh, final String name, final int rgb) throws ReflectiveOperationException {
		final Class<?> universe = load("ij3d.Image3DUniverse");
		final Class<?> point = pointClass();
		if (universe == null || point == null) throw new ClassNotFoundException("Fiji's 3D Viewer (ij3d.Image3DUniverse) is not installed");
		final String pkg = point.getPackage().getName();
		final Class<?> colour = Class.forName(pkg + ".Color3f", true, point.getClassLoader());
		final float[] corners = mesh.triangleCorners();
		final List<Object> points = new ArrayList<>(corners.length / 3);
		final java.lang.reflect.Constructor<?> pc = point.getConstructor(float.class, float.class, float.class);
		for (int i = 0; i < corners.length; i += 3)
			points.add(pc.newInstance(corners[i], corners[i + 1], corners[i + 2]));
		final Object color = colour.getConstructor(float.class, float.class, float.class).newInstance(((rgb >> 16) & 0xff) / 255f, ((rgb >> 8) & 0xff) / 255f,
			(rgb & 0xff) / 255f);
		final Object u = universe.getConstructor().newInstance();
		// addTriangleMesh(List<Point3f>, Color3f, String); not its overload with a colour per vertex (List<Color3f>)
		Method add = null;
		for (final Method m : universe.getMethods())
			if (m.getName().equals("addTriangleMesh") && m.getParameterCount() == 3 && m.getParameterTypes()[1].isAssignableFrom(colour)
				&& m.getParameterTypes()[0].isAssignableFrom(List.class) && m.getParameterTypes()[2] == String.class) add = m;
		if (add == null) throw new NoSuchMethodException("ij3d.Image3DUniverse.addTriangleMesh(List, Color3f, String)");
		universe.getMethod("show").invoke(u);
		add.invoke(u, points, color, name);
	}

	private static Class<?> pointClass() {
		final Class<?> c = load("org.scijava.vecmath.Point3f");
		return c != null ? c : load("javax.vecmath.Point3f");
	}

	private static Class<?> load(final String name) {
		try {
			return Class.forName(name, false, Viewer3D.class.getClassLoader());
		}
		catch (final ClassNotFoundException | LinkageError e) {
			try {
				final ClassLoader cl = Thread.currentThread().getContextClassLoader();
				return cl == null ? null : Class.forName(name, false, cl);
			}
			catch (final ClassNotFoundException | LinkageError e2) {
				return null;
			}
		}
	}
}
