// Leaflet guesses its default icon path from leaflet.css, which streamlit-folium
// adds after the scripts; set it explicitly (relative to the map's iframe).
L.Icon.Default.imagePath = "../../app/static/vendor/leaflet/images/";
