import SessionModel
extension Phrasebook {
    static let spanish = Phrasebook(
        parts: [
            .opening: Parts(
                heads: ["Y arrancamos.", "Bienvenidos, estamos en directo.", "Aquí vamos.", "Buenas a todos."],
                middles: ["Los dos equipos listos,", "El {field} preparado,", "Mucho público hoy,", "Hay mucho en juego,"],
                tails: ["a ver quién manda.", "y los {players} ya corren.", "promete ser bonito.", "disfruten."]),
            .bigRoar: Parts(
                heads: ["¡Qué momento!", "¡Escuchen a la grada!", "¡Enorme, enorme!", "¡El estadio explota!", "¡Increíble!", "¡Qué emoción!"],
                middles: ["Esto es lo grande,", "Todos de pie,", "Se siente,", "Lo esperaban,", "Puro ruido,"],
                tails: ["qué giro.", "lo van a recordar.", "los {players} lo celebran.", "significa mucho.", "sencillamente brillante."]),
            .roar: Parts(
                heads: ["Eso gusta.", "Gran aplauso.", "Buena jugada.", "Eso anima.", "Buen esfuerzo.", "Ruido en el {field}."],
                middles: ["Llega la presión,", "Rápido,", "Mucha energía,", "Siguen moviéndola,", "Una ocasión,"],
                tails: ["con el {ball} rodando bien.", "y quieren más.", "cerca de la {goal}.", "de los {players}.", "bien hecho."]),
            .whistle: Parts(
                heads: ["Ahí está el silbato.", "Interviene el árbitro.", "Pitido, se para.", "Lo detiene el árbitro."],
                middles: ["Hay que decidir,", "A reorganizarse,", "Algunas protestas,", "Una pausa,"],
                tails: ["esperamos la reanudación.", "los {players} se ordenan.", "veremos qué pasa.", "y seguimos."]),
            .cut: Parts(
                heads: ["Otro ángulo.", "Lo vemos otra vez.", "Otra vista.", "Vamos a este lado."],
                middles: ["Más de cerca,", "Desde arriba,", "Merece otra mirada,", "Miren los espacios,"],
                tails: ["los {players} se recolocan.", "junto a la {goal}.", "con el {ball} en juego.", "y lo dice todo."]),
            .colour: Parts(
                heads: ["Fase tranquila.", "Momento de paciencia.", "Un respiro.", "Se construye despacio.", "Calma por ahora."],
                middles: ["Ambos tantean,", "Mucho pase,", "Nadie se precipita,", "Buen orden,"],
                tails: ["buscando un hueco.", "los {players} tranquilos.", "por todo el {field}.", "con el {ball} bien cuidado."]),
        ],
        nouns: [
            .soccer: ["ball": "balón", "goal": "portería", "field": "campo", "players": "jugadores"],
            .basketball: ["ball": "balón", "goal": "canasta", "field": "parqué", "players": "jugadores"],
            .tennis: ["ball": "bola", "goal": "red", "field": "pista", "players": "tenistas"],
            .hockey: ["ball": "disco", "goal": "portería", "field": "hielo", "players": "jugadores"],
            .generic: ["ball": "juego", "goal": "meta", "field": "terreno", "players": "competidores"],
        ])
}
