/**
 * Surfaces: marching cubes on any real-valued volume ({@link org.lungprep.mesh.MarchingCubes}),
 * the resulting {@link org.lungprep.mesh.TriangleMesh} in LPS millimetres, STL/PLY/OBJ files
 * ({@link org.lungprep.mesh.MeshWriter}) and a headless software renderer
 * ({@link org.lungprep.mesh.MeshRenderer}) for pictures without a display.
 * <p>
 * Uses only {@code core}, ImgLib2 and the JDK (java.awt image classes work with
 * {@code java.awt.headless=true}); the Fiji 3D Viewer bridge lives in {@code ij1}.
 */
package org.lungprep.mesh;
