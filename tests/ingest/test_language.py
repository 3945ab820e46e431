from marsad.ingest.language import detect_language


def test_languages():
    assert detect_language("The army said on Friday that the air strikes killed 14 people in the province.") == "en"
    assert detect_language("Les frappes aériennes ont tué quatorze personnes dans la province selon l'armée et les habitants de la ville.") == "fr"
    assert detect_language("قالت مصادر محلية إن الغارات الجوية قتلت أربعة عشر شخصا في المحافظة يوم الجمعة") == "ar"
    assert detect_language("Los ataques aéreos mataron a catorce personas en la provincia, según el ejército y los vecinos de la ciudad.") == "es"
